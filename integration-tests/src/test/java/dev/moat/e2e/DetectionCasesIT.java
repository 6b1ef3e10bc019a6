package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.SharedTestData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behavioural detection through the running gateway: a key sweeping over public tasks at a script's pace gets a
 * case of its own with the features that gave it away, and keys of one account doing so together are grouped in
 * one campaign case. Tasks from ../shared/datasets (Self-Instruct's seed tasks), answers from the stub's prose.
 */
@ExtendWith(MoatStack.class)
class DetectionCasesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private StubUpstream upstream;
    private String tenant;
    private List<String> tasks;

    @BeforeEach
    void freshTenant() throws IOException {
        tasks = Files.readAllLines(SharedTestData.dataset("self-instruct-seed-tasks.jsonl"))
                .stream().map(line -> Json.createReader(new StringReader(line)).readObject().getString("instruction"))
                .toList();
        upstream = new StubUpstream();
        tenant = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", Keycloak.userToken("alice"), Json.createObjectBuilder()
                .add("id", tenant).add("name", "Sweeping").add("upstreamBaseUrl", upstream.baseUrl()).build())
                .statusCode());
    }

    @AfterEach
    void stopStub() {
        upstream.close();
    }

    @Test
    void a_key_sweeping_tasks_at_a_scripts_pace_gets_a_case_with_the_features_that_gave_it_away() throws Exception {
        Key sweeper = newKey("sweeper");
        sweep(sweeper, 0, 16);

        JsonObject incident = awaitCase(Set.of(sweeper.id()), keys -> keys.contains(sweeper.id()));

        String evidence = incident.getJsonArray("evidence").toString();
        assertTrue(evidence.contains("of key " + sweeper.id() + ": detected after"), evidence);
        assertTrue(evidence.contains("a sweep over tasks, not a focused workload"), evidence);
        assertTrue(evidence.contains("replies faster than a person could")
                || evidence.contains("machine-like timing"), evidence);
    }

    @Test
    void keys_of_one_account_sweeping_together_are_grouped_in_one_campaign_case() throws Exception {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(newKey("script " + i));
        }
        Set<String> ids = keys.stream().map(Key::id).collect(Collectors.toSet());
        // each key a few tasks only, as a hydra's keys send; one after another, as its scripts come and go
        for (int i = 0; i < keys.size(); i++) {
            sweep(keys.get(i), i * 6, 6);
        }

        JsonObject campaign = awaitCase(ids, held -> held.size() >= 8);

        assertTrue(campaign.getJsonArray("observables").toString().contains("\"campaign\""), campaign.toString());
        long casesHoldingTheseKeys = cases().stream().filter(c -> !keysOf(c, ids).isEmpty()
                && c.getJsonArray("observables").toString().contains("\"campaign\"")
                && (!c.containsKey("mergedInto") || c.isNull("mergedInto"))).count(); // merged cases live on in one
        assertEquals(1, casesHoldingTheseKeys, "one campaign, one case");
        assertTrue(campaign.getJsonArray("evidence").toString().contains("keys linked after"), campaign.toString());
    }

    private record Key(String id, String secret) {
    }

    private Key newKey(String name) {
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", Keycloak.userToken("alice"),
                Json.createObjectBuilder().add("name", name).build()));
        return new Key(issued.getJsonObject("details").getString("id"), issued.getString("key"));
    }

    /** {@code count} single tasks, each sent as soon as the answer to the one before has come. */
    private void sweep(Key key, int firstTask, int count) throws Exception {
        for (int i = firstTask; i < firstTask + count; i++) {
            JsonObject body = Json.createObjectBuilder().add("model", "prose-model").add("messages",
                    Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                            .add("content", tasks.get(i % tasks.size())))).build();
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                            MoatStack.MOAT.resolve("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key.secret()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        }
    }

    /**
     * The detector takes in the gateway's requests once a second and reports off the request path: ask until a
     * case of the tenant holds keys that satisfy {@code enough}.
     */
    private JsonObject awaitCase(Set<String> keys, Predicate<Set<String>> enough) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Set<String> best = Set.of();
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject incident : cases()) {
                Set<String> held = keysOf(incident, keys);
                if (enough.test(held)) {
                    return incident;
                }
                best = held.size() > best.size() ? held : best;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no case of tenant " + tenant + " held enough of its keys; the most: " + best);
    }

    private List<JsonObject> cases() {
        String token = Keycloak.ticketingToken();
        return Api.json(Api.get("/api/v1/incidents?limit=50&tenant=" + tenant, token)).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream()
                .map(summary -> Api.json(Api.get("/api/v1/incidents/" + summary.getString("id"), token)))
                .toList();
    }

    private static Set<String> keysOf(JsonObject incident, Set<String> keys) {
        return incident.getJsonArray("observables").getValuesAs(JsonObject.class).stream()
                .filter(o -> "api_key".equalsIgnoreCase(o.getString("kind")))
                .map(o -> o.getString("value")).filter(keys::contains).collect(Collectors.toSet());
    }
}
