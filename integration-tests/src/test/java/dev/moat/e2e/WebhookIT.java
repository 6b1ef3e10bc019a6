package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

            List<JsonObject> log = Api.jsonArray(Api.get("/api/v1/webhooks/" + subscription + "/deliveries", ticketing))
                    .getValuesAs(JsonValue::asJsonObject);
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
