package dev.moat.geo;

import dev.moat.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
class JpaGeoPolicyRepository implements GeoPolicyRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Optional<GeoPolicy> find(TenantId tenant) {
        return Optional.ofNullable(entityManager.find(GeoPolicy.class, tenant.value()));
    }

    @Override
    public void add(GeoPolicy policy) {
        entityManager.persist(policy);
    }
}
