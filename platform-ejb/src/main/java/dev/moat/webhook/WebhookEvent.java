package dev.moat.webhook;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Something subscribers may want to hear about, fired inside the transaction of the change: the outbox row
 * is written in that transaction, so an event is sent if and only if its change committed.
 */
public record WebhookEvent(WebhookEventType type, Instant at, JsonObject data) {
}
