package dev.moat.geo;

import dev.moat.tenant.TenantId;
import java.util.Optional;

/** Tenants' geo-fences; used only by application services. */
public interface GeoPolicyRepository {

    Optional<GeoPolicy> find(TenantId tenant);

    void add(GeoPolicy policy);
}
