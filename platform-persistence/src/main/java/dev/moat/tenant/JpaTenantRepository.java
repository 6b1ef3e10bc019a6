package dev.moat.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaTenantRepository implements TenantRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(entityManager.find(Tenant.class, id.value()));
    }

    @Override
    public List<Tenant> findAll() {
        return entityManager.createQuery("select t from Tenant t order by t.id", Tenant.class).getResultList();
    }

    @Override
    public void add(Tenant tenant) {
        entityManager.persist(tenant);
    }
}
