package dev.moat.webhook;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.NotFound;
import dev.moat.idempotency.IdempotencyService;
import dev.moat.platform.SecretBox;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Outbound webhooks: subscriptions, the outbox that events are written to in their own transaction, and what
 * the dispatcher needs to deliver them. Each public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class WebhookService {

    private static final long INBOUND_TOLERANCE_SECONDS = 300;
    private final WebhookRepository webhooks;
    private final SecretBox secrets;
    private final CurrentCaller caller;
    private final Clock clock;
    private final IdempotencyService idempotency;
    private final Event<AuditedChange> audit;
    private final SecureRandom random = new SecureRandom();

    /** For CDI's client proxy only. */
    protected WebhookService() {
        this(null, null, null, null, null, null);
    }

    @Inject
    public WebhookService(WebhookRepository webhooks, SecretBox secrets, CurrentCaller caller, Clock clock,
                          IdempotencyService idempotency, Event<AuditedChange> audit) {
        this.idempotency = idempotency;
        this.audit = audit;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.caller = caller;
        this.clock = clock;
    }

    /** A new subscription with its signing secret, which leaves Moat only here. */
    public record IssuedSubscription(WebhookSubscription subscription, String secret) {
        @Override
        public String toString() {
            return "IssuedSubscription[" + subscription.id() + ", secret=***]";
        }
    }

    /** A delivery as the dispatcher sends it, with the subscription's secret opened for signing. */
    public record PendingDelivery(String id, URI url, String secret, String payload) {
        @Override
        public String toString() {
            return "PendingDelivery[" + id + " → " + url + "]";
        }
    }

    /**
     * A new subscription. A retry with the same Idempotency-Key gets the first one again, with its secret: the
     * first answer may never have arrived.
     */
    public IssuedSubscription subscribe(URI url, Set<WebhookEventType> eventTypes, String description,
                                        String idempotencyKey, String requestHash) {
        MoatPrincipal manager = caller.principal().requireOneOf(Role.OPERATORS,
                "Only platform admins and security operators manage webhooks");
        String id = idempotency.once(new IdempotencyService.Request(manager.subject(), "subscribe-webhook",
                idempotencyKey, requestHash), () -> {
            WebhookSubscription subscription = new WebhookSubscription("wh_" + compactUuid(), url, eventTypes,
                    secrets.seal(WebhookSigner.newSecret(random)), description, manager.userName(), clock.instant());
            webhooks.add(subscription);
            audit.fire(new AuditedChange("webhook.subscribed", "webhook:" + subscription.id(), null, null,
                    state(subscription)));
            return subscription.id();
        });
        WebhookSubscription subscription = webhooks.find(id).orElseThrow();
        return new IssuedSubscription(subscription, secrets.open(subscription.secretSealed()));
    }

    public List<WebhookSubscription> subscriptions() {
        return webhooks.active();
    }

    /** Stops a subscription: nothing more is sent to it, pending deliveries are cancelled, its log stays. */
    public void unsubscribe(String subscriptionId) {
        caller.principal().requireOneOf(Role.OPERATORS, "Only platform admins and security operators manage webhooks");
        WebhookSubscription subscription = activeSubscription(subscriptionId);
        subscription.delete(clock.instant());
        webhooks.deliveries(subscriptionId, Integer.MAX_VALUE).forEach(WebhookDelivery::cancel);
        audit.fire(new AuditedChange("webhook.deleted", "webhook:" + subscriptionId, null, state(subscription), null));
    }

    /** The subscription's delivery log, newest first. */
    public List<WebhookDelivery> deliveries(String subscriptionId, int limit) {
        webhooks.find(subscriptionId).orElseThrow(() -> new NotFound("No webhook '" + subscriptionId + "'"));
        return webhooks.deliveries(subscriptionId, limit);
    }

    /** Sends a delivery again at once, whether it failed, was given up or was delivered before. */
    public WebhookDelivery redeliver(String subscriptionId, String deliveryId) {
        caller.principal().requireOneOf(Role.OPERATORS, "Only platform admins and security operators manage webhooks");
        activeSubscription(subscriptionId);
        WebhookDelivery delivery = webhooks.findDelivery(deliveryId)
                .filter(found -> found.subscriptionId().equals(subscriptionId))
                .orElseThrow(() -> new NotFound("No delivery '" + deliveryId + "' of webhook '" + subscriptionId + "'"));
        delivery.redeliver(clock.instant());
        audit.fire(new AuditedChange("webhook.redelivered", "webhook:" + subscriptionId, null, null,
                AuditedChange.state("delivery", deliveryId)));
        return delivery;
    }

    /**
     * Checks a message a subscriber sends back (a ticket resolved on its side): signed like Moat's own deliveries,
     * with the subscription's secret, within five minutes of now.
     *
     * @throws InvalidSignature otherwise, saying which check failed
     */
    public void verifyInbound(String subscriptionId, String messageId, String timestamp, String body,
                              String signatures) {
        if (subscriptionId == null || messageId == null || timestamp == null || signatures == null) {
            throw new InvalidSignature("Signed messages carry moat-subscription, webhook-id, webhook-timestamp and "
                    + "webhook-signature headers");
        }
        WebhookSubscription subscription = webhooks.find(subscriptionId).filter(found -> !found.isDeleted())
                .orElseThrow(() -> new InvalidSignature("No subscription '" + subscriptionId + "' signs messages"));
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSignature("webhook-timestamp must be Unix seconds");
        }
        if (Math.abs(clock.instant().getEpochSecond() - sentAt) > INBOUND_TOLERANCE_SECONDS) {
            throw new InvalidSignature("webhook-timestamp is more than five minutes off");
        }
        String expected = WebhookSigner.signature(secrets.open(subscription.secretSealed()), messageId, sentAt, body);
        boolean matches = false;
        for (String candidate : signatures.strip().split(" ")) {
            matches |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8));
        }
        if (!matches) {
            throw new InvalidSignature("webhook-signature does not match the message");
        }
    }

    /** Writes the event to the outbox of every subscription that wants it, in the transaction of the change. */
    void enqueue(@Observes WebhookEvent event) {
        String payload = JSON.createObjectBuilder()
                .add("type", event.type().wireName())
                .add("timestamp", event.at().toString())
                .add("data", event.data())
                .build().toString();
        for (WebhookSubscription subscription : webhooks.active()) {
            if (subscription.wants(event.type())) {
                webhooks.add(new WebhookDelivery("msg_" + compactUuid(), subscription.id(), event.type(), payload,
                        event.at()));
            }
        }
    }

    /** Deliveries due now, for the dispatcher. */
    public List<PendingDelivery> due(int limit) {
        return webhooks.due(clock.instant(), limit).stream().map(delivery -> {
            WebhookSubscription subscription = webhooks.find(delivery.subscriptionId()).orElseThrow();
            return new PendingDelivery(delivery.id(), subscription.url(), secrets.open(subscription.secretSealed()),
                    delivery.payload());
        }).toList();
    }

    /** Records one attempt: a 2xx answer delivers; anything else is retried on schedule. */
    public void recordAttempt(String deliveryId, Integer responseStatus, String error) {
        webhooks.findDelivery(deliveryId).ifPresent(delivery -> {
            if (responseStatus != null && responseStatus >= 200 && responseStatus < 300) {
                delivery.delivered(clock.instant(), responseStatus);
            } else {
                delivery.failed(clock.instant(), responseStatus, error);
            }
        });
    }

    /** A subscription as the audit log keeps it: never its secret. */
    private static JsonObject state(WebhookSubscription subscription) {
        return AuditedChange.state("url", subscription.url(), "eventTypes", subscription.eventTypes().stream()
                .map(WebhookEventType::wireName).toList(), "description", subscription.description());
    }

    private WebhookSubscription activeSubscription(String subscriptionId) {
        return webhooks.find(subscriptionId).filter(found -> !found.isDeleted())
                .orElseThrow(() -> new NotFound("No webhook '" + subscriptionId + "'"));
    }

    private static String compactUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
