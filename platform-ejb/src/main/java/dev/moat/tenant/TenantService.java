package dev.moat.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Use cases on tenants; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class TenantService {

    private final TenantRepository tenants;
    private final Clock clock;

    /** For CDI's client proxy only. */
    protected TenantService() {
        this(null, null);
    }

    @Inject
    public TenantService(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    public Tenant create(TenantId id, String name, URI upstreamBaseUrl) {
        if (tenants.find(id).isPresent()) {
            throw new TenantAlreadyExistsException(id);
        }
        Tenant tenant = new Tenant(id, name, upstreamBaseUrl, clock.instant());
        tenants.add(tenant);
        return tenant;
    }

    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }

    public List<Tenant> list() {
        return tenants.findAll();
    }
}
