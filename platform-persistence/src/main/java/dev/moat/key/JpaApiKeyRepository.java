package dev.moat.key;

import dev.moat.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaApiKeyRepository implements ApiKeyRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Optional<ApiKey> find(KeyId id) {
        return Optional.ofNullable(entityManager.find(ApiKey.class, id.value()));
    }

    @Override
    public List<ApiKey> findByTenant(TenantId tenant) {
        return entityManager.createQuery(
                        "select k from ApiKey k where k.tenantId = :tenant order by k.createdAt, k.id", ApiKey.class)
                .setParameter("tenant", tenant.value())
                .getResultList();
    }

    @Override
    public List<String> allIds() {
        return entityManager.createQuery("select k.id from ApiKey k", String.class).getResultList();
    }

    @Override
    public void add(ApiKey key) {
        entityManager.persist(key);
    }
}
