package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outbound webhooks end to end: a receiver verifying with the Standard Webhooks library gets every case
 * event, signed, also after it failed the first attempt; the delivery log and redelivery over REST.
 */
@ExtendWith(NodePackages.class)
@ExtendWith(MoatStack.class)
class WebhookIT {

    private static String ticketing;

    @BeforeAll
    static void install() throws Exception {
        NodePackages.install();
        ticketing = Keycloak.ticketingToken();
    }

    private static JsonObject subscribe(int port, String... eventTypes) {
        HttpResponse<String> response = Api.post("/api/v1/webhooks", ticketing, Json.createObjectBuilder()
                .add("url", "http://127.0.0.1:" + port + "/hooks/moat")
                .add("eventTypes", Json.createArrayBuilder(List.of(eventTypes)))
                .add("description", "test receiver").build());
        assertEquals(201, response.statusCode(), response.body());
        return Api.json(response);
    }

    private static JsonObject openCase() {
        HttpResponse<String> response = Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder()
                .add("title", "Webhook case " + UUID.randomUUID()).add("severity", "low").build());
        assertEquals(201, response.statusCode(), response.body());
        return Api.json(response);
    }

    @Test
    void a_ticketing_system_gets_each_case_event_signed_and_retried_after_a_failure() throws Exception {
        int port = WebhookReceiver.freePort();
        JsonObject subscribed = subscribe(port, "incident.created", "incident.status_changed", "incident.commented");
        String subscription = subscribed.getJsonObject("subscription").getString("id");
        String secret = subscribed.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertFalse(Api.get("/api/v1/webhooks", ticketing).body().contains(secret), "the secret is shown once only");

        try (WebhookReceiver receiver = WebhookReceiver.start(port, secret, true)) {
            JsonObject incident = openCase();
            String id = incident.getString("id");
            assertEquals(200, Api.call("PATCH", "/api/v1/incidents/" + id, ticketing, "{\"status\": \"triaged\"}",
                    "If-Match", "\"" + incident.getJsonNumber("version") + "\"").statusCode());
            assertEquals(201, Api.post("/api/v1/incidents/" + id + "/comments", ticketing,
                    Json.createObjectBuilder().add("text", "seen in SEC-4711").build()).statusCode());

            List<JsonObject> accepted = receiver.awaitAttempts(attempt -> attempt.getInt("answered", 0) == 204,
                    3, Duration.ofSeconds(60));

            assertTrue(receiver.attempts().stream().filter(a -> a.containsKey("id")).allMatch(a -> a.getBoolean("verified")),
                    "every attempt carries a valid signature: " + receiver.attempts());
            assertEquals(Set.of("incident.created", "incident.status_changed", "incident.commented"),
                    accepted.stream().map(a -> a.getString("type")).collect(Collectors.toSet()));
            assertTrue(accepted.stream().allMatch(a -> a.getJsonObject("data").getString("id").equals(id)), accepted.toString());
            assertEquals(6, receiver.attempts().stream().filter(a -> a.containsKey("id")).count(),
                    "each event failed once with 503 and was delivered on the retry");

            // the receiver answers before Moat records the delivery: read the log once it has caught up
            List<JsonObject> log = List.of();
            for (Instant deadline = Instant.now().plusSeconds(30); Instant.now().isBefore(deadline); Thread.sleep(200)) {
                log = Api.jsonArray(Api.get("/api/v1/webhooks/" + subscription + "/deliveries", ticketing))
                        .getValuesAs(JsonValue::asJsonObject);
                if (log.stream().allMatch(d -> d.getString("status").equals("delivered"))) {
                    break;
                }
            }
            assertEquals(3, log.size());
            assertTrue(log.stream().allMatch(d -> d.getString("status").equals("delivered") && d.getInt("attempts") == 2),
                    log.toString());

            String again = log.getFirst().getString("id");
            HttpResponse<String> redelivered = Api.post("/api/v1/webhooks/" + subscription + "/deliveries/" + again
                    + "/redeliver", ticketing, null);
            assertEquals(200, redelivered.statusCode(), redelivered.body());
            receiver.awaitAttempts(a -> again.equals(a.getString("id", "")) && a.getInt("answered", 0) == 204, 2,
                    Duration.ofSeconds(30));
        } finally {
            Api.call("DELETE", "/api/v1/webhooks/" + subscription, ticketing, null);
        }
    }

    /** A message signed the Standard Webhooks way, as the ticketing system sends it back. */
    private static HttpResponse<String> signedSync(String caseId, String subscription, String secret, String messageId,
                                                   long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return Api.call("POST", "/api/v1/incidents/" + caseId + "/status-sync", ticketing, body,
                "moat-subscription", subscription, "webhook-id", messageId,
                "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", signature);
    }

    @Test
    void the_ticketing_system_resolves_and_reopens_its_case_with_signed_messages() throws Exception {
        JsonObject subscribed = subscribe(WebhookReceiver.freePort(), "incident.status_changed");
        String subscription = subscribed.getJsonObject("subscription").getString("id");
        String secret = subscribed.getString("secret");
        JsonObject ticket = Json.createObjectBuilder().add("system", "jira").add("id", "SEC-" + UUID.randomUUID())
                .add("url", "https://jira.example.com/browse/SEC-1").build();
        String id = Api.json(Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder()
                .add("title", "Ticketed case").add("externalReferences", Json.createArrayBuilder().add(ticket))
                .build())).getString("id");
        String resolved = Json.createObjectBuilder().add("status", "resolved").add("comment", "fixed on our side")
                .add("ticket", ticket).build().toString();
        long now = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> first = signedSync(id, subscription, secret, "msg_sync1", now, resolved);
            HttpResponse<String> replay = signedSync(id, subscription, secret, "msg_sync1", now, resolved);

            assertEquals(200, first.statusCode(), first.body());
            assertEquals(200, replay.statusCode(), replay.body());
            JsonObject incident = Api.json(replay);
            assertEquals("resolved", incident.getString("status"));
            assertEquals(ticket.getString("id"), incident.getJsonArray("externalReferences").getJsonObject(0)
                    .getString("id"));
            assertEquals(1, incident.getJsonArray("timeline").getValuesAs(JsonValue::asJsonObject).stream()
                    .filter(e -> e.getString("text").equals("fixed on our side")
                            && e.getString("actor").endsWith("via jira:" + ticket.getString("id"))).count(),
                    "the comment once, by the ticketing system via its ticket");

            assertEquals(401, signedSync(id, subscription, "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                    "msg_sync2", now, resolved).statusCode(), "another secret");
            assertEquals(401, signedSync(id, subscription, secret, "msg_sync3", now - 3600, resolved).statusCode(),
                    "an hour old");
            assertEquals(401, Api.call("POST", "/api/v1/incidents/" + id + "/status-sync", ticketing, resolved)
                    .statusCode(), "unsigned");
            HttpResponse<String> reopened = signedSync(id, subscription, secret, "msg_sync4", now,
                    "{\"status\": \"investigating\"}");
            assertEquals("investigating", Api.json(reopened).getString("status"), reopened.body());
        } finally {
            Api.call("DELETE", "/api/v1/webhooks/" + subscription, ticketing, null);
        }
    }

    /**
     * The outbox lives in the database: a delivery its receiver could not take survives a restart of Moat and
     * is sent afterwards with the same id and a signature from the subscription's secret, still sealed.
     */
    @Test
    void a_pending_delivery_survives_a_restart_of_moat() throws Exception {
        int port = WebhookReceiver.freePort();
        JsonObject subscribed = subscribe(port, "incident.created");
        String subscription = subscribed.getJsonObject("subscription").getString("id");
        String caseId = openCase().getString("id");
        JsonObject pending = awaitDelivery(subscription, delivery -> delivery.getInt("attempts") >= 1);
        assertEquals("pending", pending.getString("status"), "the receiver is not there yet");

        MoatStack.restartMoat();
        ticketing = Keycloak.ticketingToken();

        try (WebhookReceiver receiver = WebhookReceiver.start(port, subscribed.getString("secret"), false)) {
            JsonObject kept = awaitDelivery(subscription, delivery -> delivery.getString("id")
                    .equals(pending.getString("id")));
            assertTrue(List.of("pending", "delivered").contains(kept.getString("status")), kept.toString());
            Api.post("/api/v1/webhooks/" + subscription + "/deliveries/" + pending.getString("id") + "/redeliver",
                    ticketing, null);
            List<JsonObject> received = receiver.awaitAttempts(a -> pending.getString("id").equals(a.getString("id", ""))
                    && a.getBoolean("verified", false), 1, Duration.ofSeconds(30));
            assertEquals(caseId, received.getFirst().getJsonObject("data").getString("id"));
        } finally {
            Api.call("DELETE", "/api/v1/webhooks/" + subscription, ticketing, null);
        }
    }

    private static JsonObject awaitDelivery(String subscription, Predicate<JsonObject> matching)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = Api.jsonArray(Api.get("/api/v1/webhooks/" + subscription + "/deliveries", ticketing))
                    .getValuesAs(JsonValue::asJsonObject).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no matching delivery for " + subscription);
    }

    @Test
    void a_deleted_subscription_gets_nothing_more_and_keeps_its_log() throws Exception {
        JsonObject subscribed = subscribe(WebhookReceiver.freePort(), "incident.created");
        String subscription = subscribed.getJsonObject("subscription").getString("id");

        assertEquals(204, Api.call("DELETE", "/api/v1/webhooks/" + subscription, ticketing, null).statusCode());
        openCase();

        assertFalse(Api.get("/api/v1/webhooks", ticketing).body().contains(subscription));
        assertEquals("[]", Api.get("/api/v1/webhooks/" + subscription + "/deliveries", ticketing).body());
        assertEquals(404, Api.call("DELETE", "/api/v1/webhooks/" + subscription, ticketing, null).statusCode());
    }

    @Test
    void bad_subscriptions_get_a_clear_problem() {
        for (String body : List.of(
                "{\"url\": \"ftp://example.com/x\", \"eventTypes\": [\"incident.created\"]}",
                "{\"url\": \"https://user:password@example.com/x\", \"eventTypes\": [\"incident.created\"]}",
                "{\"url\": \"https://example.com/x\", \"eventTypes\": [\"incident.deleted\"]}",
                "{\"url\": \"https://example.com/x\", \"eventTypes\": []}",
                "{\"url\": \"https://example.com/x\"",
                "[]")) {
            HttpResponse<String> refused = Api.call("POST", "/api/v1/webhooks", ticketing, body);
            assertEquals(400, refused.statusCode(), body + " → " + refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""), body);
        }
        String carol = Keycloak.userToken("carol");
        assertEquals(200, Api.get("/api/v1/webhooks", carol).statusCode());
        assertEquals(403, Api.call("POST", "/api/v1/webhooks", carol,
                "{\"url\": \"https://example.com/x\", \"eventTypes\": [\"incident.created\"]}").statusCode());
    }
}
