package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Full-text search over cases through the API's q filter, and the ops command that rebuilds the index. */
@ExtendWith(MoatStack.class)
class SearchIT {

    private static String ticketing;

    @BeforeAll
    static void tenantsExist() {
        ticketing = Keycloak.ticketingToken();
        String alice = Keycloak.userToken("alice");
        for (String tenant : List.of("acme", "globex")) {
            Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant).add("name", tenant)
                    .add("upstreamBaseUrl", "http://localhost:8090/v1").build());
        }
    }

    private static String word() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String openCase(String tenant, String description) {
        return Api.json(Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder().add("title", "Search case")
                .add("tenant", tenant).add("description", description).build())).getString("id");
    }

    /** The index follows the database within about a second: ask until the case shows or time is up. */
    private static List<JsonObject> found(String query, String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<JsonObject> items = List.of();
        while (Instant.now().isBefore(deadline)) {
            items = Api.json(Api.get("/api/v1/incidents?q=" + query, token)).getJsonArray("items")
                    .getValuesAs(JsonValue::asJsonObject);
            if (!items.isEmpty()) {
                return items;
            }
            Thread.sleep(250);
        }
        return items;
    }

    @Test
    void a_word_in_a_comment_finds_its_case_with_the_match_highlighted() throws Exception {
        String inComment = word();
        String id = openCase("acme", "an ordinary description");
        Api.post("/api/v1/incidents/" + id + "/comments", ticketing,
                Json.createObjectBuilder().add("text", "customer calls it " + inComment + " <b>internally</b>").build());

        List<JsonObject> items = found(inComment, ticketing);

        assertEquals(List.of(id), items.stream().map(item -> item.getString("id")).toList());
        String fragment = items.getFirst().getJsonObject("highlights").getString("timeline");
        assertTrue(fragment.contains("<mark>" + inComment + "</mark>") && fragment.contains("&lt;b&gt;"), fragment);
    }

    @Test
    void a_tenant_admin_finds_only_its_own_tenants_cases() throws Exception {
        String shared = word();
        String own = openCase("acme", "seen " + shared);
        openCase("globex", "seen " + shared);
        found(shared, ticketing);

        List<JsonObject> daves = found(shared, Keycloak.userToken("dave"));

        assertEquals(List.of(own), daves.stream().map(item -> item.getString("id")).toList());
    }

    @Test
    void a_query_that_cannot_be_read_gets_a_clear_problem() {
        var response = Api.get("/api/v1/incidents?q=%22unclosed", ticketing);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(Api.json(response).getString("detail").contains("search query"), response.body());
    }

    @Test
    void the_ops_command_rebuilds_the_index_from_the_database() throws Exception {
        String word = word();
        openCase("acme", word);
        Path script = Path.of(System.getProperty("moat.repository", ".."), "ops", "search", "rebuild-index.sh");

        Process rebuild = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        String output = new String(rebuild.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(rebuild.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, rebuild.exitValue(), output);
        assertTrue(output.contains("\"indexedCases\":"), output);
        assertEquals(1, found(word, ticketing).size(), "searchable again after the rebuild");
    }
}
