package dev.moat.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
class JpaIdempotentRequestRepository implements IdempotentRequestRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Optional<IdempotentRequest> find(String callerKey) {
        return Optional.ofNullable(entityManager.find(IdempotentRequest.class, callerKey));
    }

    @Override
    public void add(IdempotentRequest request) {
        entityManager.persist(request);
        entityManager.flush();
    }
}
