package dev.moat.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaWebhookRepository implements WebhookRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public void add(WebhookSubscription subscription) {
        entityManager.persist(subscription);
    }

    @Override
    public Optional<WebhookSubscription> find(String subscriptionId) {
        return Optional.ofNullable(entityManager.find(WebhookSubscription.class, subscriptionId));
    }

    @Override
    public List<WebhookSubscription> active() {
        return entityManager.createQuery("select s from WebhookSubscription s where s.deletedAt is null "
                + "order by s.createdAt, s.id", WebhookSubscription.class).getResultList();
    }

    @Override
    public void add(WebhookDelivery delivery) {
        entityManager.persist(delivery);
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String deliveryId) {
        return Optional.ofNullable(entityManager.find(WebhookDelivery.class, deliveryId));
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return entityManager.createQuery("select d from WebhookDelivery d where d.status = "
                        + "dev.moat.webhook.WebhookDelivery.Status.PENDING and d.nextAttemptAt <= :now "
                        + "order by d.nextAttemptAt, d.id", WebhookDelivery.class)
                .setParameter("now", now).setMaxResults(limit).getResultList();
    }

    @Override
    public List<WebhookDelivery> deliveries(String subscriptionId, int limit) {
        return entityManager.createQuery("select d from WebhookDelivery d where d.subscriptionId = :subscription "
                        + "order by d.createdAt desc, d.id desc", WebhookDelivery.class)
                .setParameter("subscription", subscriptionId).setMaxResults(limit).getResultList();
    }
}
