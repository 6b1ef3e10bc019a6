package dev.moat.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void a_failing_receiver_is_retried_with_backoff_for_over_a_day_then_given_up() {
        WebhookDelivery delivery = new WebhookDelivery("msg_1", "wh_1", WebhookEventType.INCIDENT_CREATED, "{}", NOW);
        Instant at = NOW;

        delivery.failed(at, 503, "Service Unavailable");
        assertEquals(WebhookDelivery.Status.PENDING, delivery.status());
        assertEquals(at.plusSeconds(5), delivery.nextAttemptAt());

        for (int attempt = 2; attempt <= RetrySchedule.DELAYS.size(); attempt++) {
            at = delivery.nextAttemptAt();
            delivery.failed(at, null, "connection refused");
            assertEquals(WebhookDelivery.Status.PENDING, delivery.status(), "attempt " + attempt);
        }
        delivery.failed(delivery.nextAttemptAt(), 500, "still down");

        assertEquals(WebhookDelivery.Status.FAILED, delivery.status());
        assertNull(delivery.nextAttemptAt());
        assertEquals(RetrySchedule.DELAYS.size() + 1, delivery.attempts());
        assertTrue(RetrySchedule.span().compareTo(Duration.ofHours(24)) > 0, "tried for at least 24 hours");
    }

    @Test
    void a_delivered_event_is_done_and_a_redelivery_sends_it_again_at_once() {
        WebhookDelivery delivery = new WebhookDelivery("msg_1", "wh_1", WebhookEventType.INCIDENT_CREATED, "{}", NOW);

        delivery.delivered(NOW, 204);
        assertEquals(WebhookDelivery.Status.DELIVERED, delivery.status());
        assertEquals(204, delivery.lastResponseStatus());

        delivery.redeliver(NOW.plusSeconds(60));
        assertEquals(WebhookDelivery.Status.PENDING, delivery.status());
        assertEquals(NOW.plusSeconds(60), delivery.nextAttemptAt());
    }

    @Test
    void only_plain_http_or_https_urls_without_credentials_are_accepted() {
        assertEquals(URI.create("https://hooks.example.com/moat?x=1"),
                WebhookSubscription.parseUrl(" https://hooks.example.com/moat?x=1 "));
        for (String bad : List.of("ftp://example.com/x", "https://user:pw@example.com/x", "/relative", "javascript:alert(1)",
                "https://example.com/x#frag", "not a url")) {
            assertThrows(DomainRuleViolation.class, () -> WebhookSubscription.parseUrl(bad), bad);
        }
    }

    @Test
    void event_types_are_known_by_their_wire_names() {
        assertEquals(WebhookEventType.INCIDENT_STATUS_CHANGED, WebhookEventType.ofWireName("incident.status_changed"));
        DomainRuleViolation unknown = assertThrows(DomainRuleViolation.class,
                () -> WebhookEventType.ofWireName("incident.deleted"));
        assertTrue(unknown.getMessage().contains("detection.raised"), unknown.getMessage());
    }
}
