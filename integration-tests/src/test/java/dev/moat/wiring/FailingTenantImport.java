package dev.moat.wiring;

import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;

/** A use case that writes, then fails: its transaction must leave nothing behind. */
@ApplicationScoped
@Transactional
public class FailingTenantImport {

    @Inject
    TenantService tenants;

    public void importThenFail(TenantId id) {
        tenants.create(id, "Imported", URI.create("http://imported.test/v1"));
        throw new IllegalStateException("import failed after the first tenant");
    }
}
