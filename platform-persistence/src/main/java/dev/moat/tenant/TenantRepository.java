package dev.moat.tenant;

import java.util.List;
import java.util.Optional;

/** Tenants as the domain sees them; used only by application services. */
public interface TenantRepository {

    Optional<Tenant> find(TenantId id);

    List<Tenant> findAll();

    void add(Tenant tenant);
}
