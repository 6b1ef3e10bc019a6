package dev.moat.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One event for one subscription: the outbox row, and its delivery log (attempts, last answer). */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public enum Status { PENDING, DELIVERED, FAILED, CANCELLED }

    private static final int MAX_ERROR = 500;

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "subscription_id", nullable = false, length = 40)
    private String subscriptionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 50)
    private WebhookEventType eventType;

    @Column(name = "payload", nullable = false, length = 100_000)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_response_status")
    private Integer lastResponseStatus;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected WebhookDelivery() {
    }

    /** A delivery due at once; its id is the {@code webhook-id} receivers use to drop duplicates. */
    public WebhookDelivery(String id, String subscriptionId, WebhookEventType eventType, String payload, Instant now) {
        this.id = id;
        this.subscriptionId = subscriptionId;
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = now;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
    }

    public void delivered(Instant now, int responseStatus) {
        attempted(now, responseStatus, null);
        status = Status.DELIVERED;
        nextAttemptAt = null;
    }

    /** A failed attempt: tried again later by the retry schedule, or given up when the schedule has ended. */
    public void failed(Instant now, Integer responseStatus, String error) {
        attempted(now, responseStatus, error);
        Optional<Duration> wait = RetrySchedule.after(attempts);
        status = wait.isPresent() ? Status.PENDING : Status.FAILED;
        nextAttemptAt = wait.map(now::plus).orElse(null);
    }

    /** Sends it again at once, whatever happened before, as an operator asked. */
    public void redeliver(Instant now) {
        status = Status.PENDING;
        nextAttemptAt = now;
    }

    public void cancel() {
        if (status == Status.PENDING) {
            status = Status.CANCELLED;
            nextAttemptAt = null;
        }
    }

    private void attempted(Instant now, Integer responseStatus, String error) {
        attempts++;
        lastAttemptAt = now;
        lastResponseStatus = responseStatus;
        lastError = error == null ? null : error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    public String id() {
        return id;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public WebhookEventType eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer lastResponseStatus() {
        return lastResponseStatus;
    }

    public String lastError() {
        return lastError;
    }
}
