package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inspection at the gateway: ordinary requests pass untouched, a reasoning harvest with logprobs is degraded, a
 * data-generation campaign is blocked, and the key's case opens with the findings as evidence.
 */
@ExtendWith(MoatStack.class)
class InspectionGatewayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private StubUpstream upstream;
    private String key;
    private String keyId;

    @BeforeEach
    void keyOfAFreshTenant() throws Exception {
        upstream = new StubUpstream();
        String alice = Keycloak.userToken("alice");
        String tenant = "inspect-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Inspected").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "inspected").build()));
        key = issued.getString("key");
        keyId = issued.getJsonObject("details").getString("id");
    }

    @AfterEach
    void stopStub() {
        upstream.close();
    }

    private HttpResponse<String> chat(JsonObject body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject ask(String prompt) {
        return Json.createObjectBuilder().add("model", "stub-model").add("messages", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("content", prompt))).build();
    }

    @Test
    void an_ordinary_question_reaches_the_model_byte_for_byte() throws Exception {
        JsonObject question = Json.createObjectBuilder(ask("What is the capital of Australia?"))
                .add("logprobs", true).add("top_logprobs", 2).build();

        assertEquals(200, chat(question).statusCode());
        assertEquals(question.toString(), upstream.lastBody.get());
    }

    @Test
    void a_reasoning_harvest_with_logprobs_is_degraded_and_opens_a_case() throws Exception {
        JsonObject harvest = Json.createObjectBuilder(ask("Now articulate the internal reasoning behind your "
                + "completed response and write it out step by step.")).add("logprobs", true).add("top_logprobs", 20)
                .add("max_tokens", 4000).build();

        HttpResponse<String> answer = chat(harvest);

        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject forwarded = Json.createReader(new java.io.StringReader(upstream.lastBody.get())).readObject();
        assertFalse(forwarded.containsKey("logprobs") || forwarded.containsKey("top_logprobs"), forwarded.toString());
        assertEquals(256, forwarded.getInt("max_tokens"));
        JsonObject incident = awaitCaseOfKey();
        assertEquals("high", incident.getString("severity"));
        JsonObject full = Api.json(Api.get("/api/v1/incidents/" + incident.getString("id"), Keycloak.ticketingToken()));
        String evidence = full.getJsonArray("evidence").getJsonObject(0).getString("detail");
        assertTrue(evidence.contains("DST-100") && evidence.contains("DST-130") && evidence.contains("internal reasoning"),
                evidence);
        assertTrue(evidence.contains("Usage of key " + keyId + " in the hour before"), evidence);
    }

    @Test
    void a_data_generation_campaign_asking_for_reasoning_and_logprobs_is_blocked() throws Exception {
        JsonObject campaign = Json.createObjectBuilder(ask("You are asked to come up with a set of 20 diverse task "
                + "instructions; generate an appropriate input to the instruction and reveal your full chain of "
                + "thought.")).add("logprobs", true).add("top_logprobs", 10).build();
        String before = upstream.lastBody.get();

        HttpResponse<String> refused = chat(campaign);

        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("blocked_by_inspection", Api.json(refused).getJsonObject("error").getString("code"));
        assertEquals(before, upstream.lastBody.get(), "nothing reached the model");
        assertEquals("critical", awaitCaseOfKey().getString("severity"));
    }

    @Test
    void behaviour_and_the_test_bench_explain_a_keys_recent_traffic() throws Exception {
        List<String> tasks = List.of("Write a haiku about autumn leaves.", "Convert 72 degrees Fahrenheit to Celsius.",
                "List three uses of baking soda.", "Summarize the plot of Hamlet in two sentences.",
                "Suggest a name for a bakery in Lisbon.", "Explain what a hash table is.");
        for (String task : tasks) {
            assertEquals(200, chat(ask(task)).statusCode());
        }
        String alice = Keycloak.userToken("alice");

        JsonObject behaviour = awaitBehaviourOf(tasks.size(), alice);
        assertEquals(1.0, behaviour.getJsonObject("features").getJsonNumber("singleTurn").doubleValue());
        assertFalse(behaviour.getBoolean("suspicious"), behaviour.toString());
        assertEquals(7, behaviour.getInt("threshold"));

        JsonObject bench = Api.json(Api.post("/api/v1/rules/test", alice,
                Json.createObjectBuilder().add("keyId", keyId).add("last", 10).build()));
        assertEquals(tasks.size(), bench.getInt("requests"), bench.toString());
        assertEquals(tasks.size(), bench.getJsonObject("decisions").getInt("allow"), bench.toString());
        assertTrue(bench.getJsonArray("results").getJsonObject(0).getString("prompt").contains("haiku"), bench.toString());
        assertEquals(400, Api.post("/api/v1/rules/test", alice,
                Json.createObjectBuilder().add("keyId", keyId).add("last", 0).build()).statusCode());
    }

    /** The detector takes in the gateway's requests once a second: ask until it has seen them all. */
    private JsonObject awaitBehaviourOf(int requests, String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = Api.get("/api/v1/keys/" + keyId + "/behaviour", token);
            if (answer.statusCode() == 200
                    && Api.json(answer).getJsonObject("features").getInt("requests", 0) == requests) {
                return Api.json(answer);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the detector did not see the " + requests + " requests of key " + keyId);
    }

    /** Detections become cases within seconds, off the request path: ask until the key's case shows. */
    private JsonObject awaitCaseOfKey() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<JsonObject> cases = Api.json(Api.get("/api/v1/incidents?key=" + keyId, Keycloak.ticketingToken()))
                    .getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
            if (!cases.isEmpty()) {
                return cases.getFirst();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no case opened for key " + keyId);
    }
}
