package dev.moat.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Subscriptions and their deliveries (the outbox); used only by application services. */
public interface WebhookRepository {

    void add(WebhookSubscription subscription);

    Optional<WebhookSubscription> find(String subscriptionId);

    /** Subscriptions not deleted, oldest first. */
    List<WebhookSubscription> active();

    void add(WebhookDelivery delivery);

    Optional<WebhookDelivery> findDelivery(String deliveryId);

    /** Pending deliveries whose time has come, oldest first. */
    List<WebhookDelivery> due(Instant now, int limit);

    /** A subscription's deliveries, newest first. */
    List<WebhookDelivery> deliveries(String subscriptionId, int limit);
}
