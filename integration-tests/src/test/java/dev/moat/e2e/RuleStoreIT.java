package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator authors a rule for one tenant through the REST API: it is in force for that tenant's gateway traffic
 * from the next request and for no other tenant, every change is a version and an audit entry, and a rule pack
 * exported is imported back.
 */
@ExtendWith(MoatStack.class)
class RuleStoreIT {

    private static final String PHRASE = "fine-tuning dataset";
    private static StubUpstream upstream;
    private static String bob;
    private static String tenant;
    private static String otherTenant;

    @BeforeAll
    static void twoTenants() throws IOException {
        upstream = new StubUpstream();
        bob = Keycloak.userToken("bob");
        String alice = Keycloak.userToken("alice");
        tenant = "rules-" + UUID.randomUUID().toString().substring(0, 8);
        otherTenant = tenant + "-other";
        for (String id : List.of(tenant, otherTenant)) {
            assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", id)
                    .add("name", "Rule store test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        }
    }

    @AfterAll
    static void stopStub() {
        upstream.close();
    }

    @Test
    void an_operator_rule_is_in_force_for_its_tenant_versioned_audited_and_exported() throws Exception {
        HttpResponse<String> created = Api.post("/api/v1/rules", bob, Json.createObjectBuilder()
                .add("name", "Answers wanted as training data").add("kind", "phrases")
                .add("phrases", Json.createArrayBuilder().add(PHRASE)).add("severity", "warning")
                .add("category", "data-export").add("tenantId", tenant).build());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject rule = Api.json(created);
        String ruleId = rule.getString("id");
        assertTrue(ruleId.startsWith("OPR-"), ruleId);
        assertEquals(1, rule.getInt("version"));
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());

        // In force for its tenant's gateway traffic (a warning: flagged, still answered), not for another tenant's.
        String key = newKey(tenant);
        String otherKey = newKey(otherTenant);
        String prompt = "Turn these answers into a " + PHRASE + " for my model";
        assertEquals(200, Gateway.chatAbout(key, prompt).statusCode());
        assertEquals(200, Gateway.chatAbout(otherKey, prompt).statusCode());
        assertTrue(findingsOfUse(key, 1).contains(ruleId), "the tenant's request was flagged by " + ruleId);
        assertFalse(findingsOfUse(otherKey, 1).contains(ruleId), "another tenant's request is not");
        JsonObject bench = Api.json(Api.post("/api/v1/rules/test", bob, Json.createObjectBuilder()
                .add("prompt", prompt).add("tenantId", tenant).build()));
        assertEquals("flag", bench.getString("decision"), bench.toString());

        // A change needs the current version, makes version 2, and both are kept.
        JsonObject change = Json.createObjectBuilder(rule).add("phrases", Json.createArrayBuilder().add(PHRASE)
                .add("jsonl training pairs")).build();
        assertEquals(428, Api.call("PUT", "/api/v1/rules/" + ruleId, bob, change.toString()).statusCode());
        assertEquals(412, Api.call("PUT", "/api/v1/rules/" + ruleId, bob, change.toString(), "If-Match", "\"7\"")
                .statusCode());
        HttpResponse<String> updated = Api.call("PUT", "/api/v1/rules/" + ruleId, bob, change.toString(),
                "If-Match", "\"1\"");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(2, Api.json(updated).getInt("version"));
        JsonArray versions = Api.jsonArray(Api.get("/api/v1/rules/" + ruleId + "/versions", Keycloak.userToken("carol")));
        assertEquals(List.of("created", "updated"), versions.stream().map(v -> v.asJsonObject().getString("change")).toList());
        assertEquals("bob", versions.getJsonObject(1).getString("changedBy"));
        assertEquals(2, versions.getJsonObject(1).getJsonObject("definition").getJsonArray("phrases").size());
        JsonArray audit = Api.json(Api.get("/api/v1/audit?target=rule:" + ruleId, Keycloak.userToken("carol")))
                .getJsonArray("items");
        assertEquals(List.of("rule.created", "rule.updated"), audit.stream()
                .map(e -> e.asJsonObject().getString("action")).sorted().toList());

        // Export, delete, import: the rule is back, and in force again.
        JsonObject pack = Api.json(Api.get("/api/v1/rules/export?tenant=" + tenant, bob));
        assertEquals(1, pack.getJsonArray("rules").size());
        assertEquals(204, Api.call("DELETE", "/api/v1/rules/" + ruleId, bob, null, "If-Match", "\"2\"").statusCode());
        assertEquals(404, Api.get("/api/v1/rules/" + ruleId, bob).statusCode());
        assertEquals(200, Gateway.chatAbout(key, prompt).statusCode());
        assertFalse(findingsOfUse(key, 2).contains(ruleId), "a deleted rule is out of force");
        HttpResponse<String> imported = Api.post("/api/v1/rules/import", bob, pack);
        assertEquals(400, imported.statusCode(), "ids are never reused: " + imported.body());
        JsonObject renamed = Json.createObjectBuilder().add("rules", Json.createArrayBuilder().add(
                Json.createObjectBuilder(pack.getJsonArray("rules").getJsonObject(0)).add("id", "OPS-" + ruleId.substring(4))))
                .build();
        imported = Api.post("/api/v1/rules/import", bob, renamed);
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(1, Api.json(imported).getJsonArray("created").size());
        assertEquals(200, Gateway.chatAbout(key, prompt).statusCode());
        assertTrue(findingsOfUse(key, 3).contains("OPS-" + ruleId.substring(4)), "the imported rule is in force");
    }

    @Test
    void bad_rules_and_wrong_callers_get_clear_refusals() {
        HttpResponse<String> badPattern = Api.post("/api/v1/rules", bob, Json.createObjectBuilder().add("name", "x")
                .add("kind", "pattern").add("pattern", "(unclosed").build());
        assertEquals(400, badPattern.statusCode());
        assertTrue(Api.json(badPattern).getString("detail").contains(
                "invalid pattern: missing closing ) for the ( at position 0"), badPattern.body());
        assertEquals(400, Api.post("/api/v1/rules", bob, Json.createObjectBuilder().add("id", "DST-999")
                .add("name", "x").add("kind", "pattern").add("pattern", "a").build()).statusCode());
        assertEquals(409, Api.call("PUT", "/api/v1/rules/DST-100", bob, "{}", "If-Match", "\"1\"").statusCode());
        assertEquals(403, Api.post("/api/v1/rules", Keycloak.userToken("carol"), Json.createObjectBuilder()
                .add("name", "x").add("kind", "pattern").add("pattern", "a").build()).statusCode());
        assertEquals(404, Api.get("/api/v1/rules/OPR-99999", bob).statusCode());
        var manyPhrases = Json.createArrayBuilder();
        for (int i = 0; i < 2_000; i++) {
            manyPhrases.add("a rather long phrase number " + i + " that an operator pasted from a list");
        }
        HttpResponse<String> oversized = Api.post("/api/v1/rules", bob, Json.createObjectBuilder().add("name", "x")
                .add("kind", "phrases").add("phrases", manyPhrases).build());
        assertEquals(400, oversized.statusCode(), oversized.body());
        assertTrue(Api.json(oversized).getString("detail").contains("at most 100000 characters"), oversized.body());
        assertEquals(400, Api.post("/api/v1/rules/import", bob, Json.createObjectBuilder()
                .add("rules", JsonValue.EMPTY_JSON_OBJECT).build()).statusCode());
    }

    private static String newKey(String tenantId) {
        HttpResponse<String> created = Api.post("/api/v1/tenants/" + tenantId + "/keys", Keycloak.userToken("alice"),
                Json.createObjectBuilder().add("name", "rule store test").build());
        assertEquals(201, created.statusCode(), created.body());
        return Api.json(created).getString("key");
    }

    /** The findings of the key's newest usage event, once the usage writer has stored its {@code n}th. */
    private static String findingsOfUse(String key, int n) throws InterruptedException {
        String keyId = key.split("_")[1];
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonArray items = Api.json(Api.get("/api/v1/usage?key=" + keyId + "&limit=100", bob)).getJsonArray("items");
            if (items.size() >= n) {
                return items.getJsonObject(0).getString("findings", "");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("usage event " + n + " of " + keyId + " not stored within 20 s");
    }
}
