package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security cases over the ticketing REST API: workflow, ETags, idempotent retries, comments, roles, bad input. */
@ExtendWith(MoatStack.class)
class IncidentApiIT {

    private static String ticketing;
    private static String alice;

    @BeforeAll
    static void tenantsExist() {
        ticketing = Keycloak.ticketingToken();
        alice = Keycloak.userToken("alice");
        for (String tenant : List.of("acme", "globex")) {
            HttpResponse<String> created = Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                    .add("name", tenant).add("upstreamBaseUrl", "http://localhost:8090/v1").build());
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        }
    }

    private static String randomKeyId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static HttpResponse<String> open(String token, String tenant, String keyId, String... headers) {
        String body = Json.createObjectBuilder().add("title", "Reasoning traces harvested").add("severity", "high")
                .add("tenant", tenant).add("tags", Json.createArrayBuilder().add("distillation"))
                .add("observables", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "api_key").add("value", keyId))).build().toString();
        return Api.call("POST", "/api/v1/incidents", token, body, headers);
    }

    private static JsonObject opened(String tenant, String keyId) {
        HttpResponse<String> response = open(ticketing, tenant, keyId);
        assertEquals(201, response.statusCode(), response.body());
        return Api.json(response);
    }

    private static HttpResponse<String> patch(String id, String etag, JsonObject change) {
        return etag == null ? Api.call("PATCH", "/api/v1/incidents/" + id, ticketing, change.toString())
                : Api.call("PATCH", "/api/v1/incidents/" + id, ticketing, change.toString(), "If-Match", etag);
    }

    private static void assertProblem(int status, HttpResponse<String> response, String detailPart) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Api.json(response).getString("detail").contains(detailPart), response.body());
    }

    @Test
    void a_ticketing_client_opens_a_case_that_is_due_by_its_severity() {
        HttpResponse<String> response = open(ticketing, "acme", randomKeyId());

        assertEquals(201, response.statusCode(), response.body());
        JsonObject incident = Api.json(response);
        assertTrue(incident.getString("id").matches("MOAT-[0-9]+"), incident.getString("id"));
        assertEquals(response.headers().firstValue("Location").orElseThrow(),
                MoatStack.MOAT.resolve("/api/v1/incidents/" + incident.getString("id")).toString());
        assertEquals("new", incident.getString("status"));
        assertEquals("due", incident.getString("sla"));
        assertEquals(java.time.Duration.ofHours(24), java.time.Duration.between(
                java.time.Instant.parse(incident.getString("createdAt")), java.time.Instant.parse(incident.getString("dueAt"))));
        assertEquals("opened", incident.getJsonArray("timeline").getJsonObject(0).getString("kind"));
        assertEquals("\"" + incident.getJsonNumber("version") + "\"", response.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_returns_the_first_case() {
        String keyId = randomKeyId();
        String idempotencyKey = UUID.randomUUID().toString();

        HttpResponse<String> first = open(ticketing, "acme", keyId, "Idempotency-Key", idempotencyKey);
        HttpResponse<String> retry = open(ticketing, "acme", keyId, "Idempotency-Key", idempotencyKey);
        HttpResponse<String> different = open(ticketing, "acme", randomKeyId(), "Idempotency-Key", idempotencyKey);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(Api.json(first).getString("id"), Api.json(retry).getString("id"));
        assertEquals(1, Api.json(Api.get("/api/v1/incidents?key=" + keyId, ticketing)).getJsonArray("items").size());
        assertProblem(422, different, "Idempotency-Key");
    }

    @Test
    void changes_need_the_current_etag_and_land_on_the_timeline() {
        JsonObject incident = opened("acme", randomKeyId());
        String id = incident.getString("id");
        String etag = "\"" + incident.getJsonNumber("version") + "\"";
        JsonObject triage = Json.createObjectBuilder().add("status", "triaged").add("assignee", "bob")
                .add("severity", "critical").build();

        assertProblem(428, patch(id, null, triage), "If-Match");
        HttpResponse<String> changed = patch(id, etag, triage);
        HttpResponse<String> stale = patch(id, etag, Json.createObjectBuilder().add("title", "Late edit").build());

        assertEquals(200, changed.statusCode(), changed.body());
        JsonObject now = Api.json(changed);
        assertEquals("triaged", now.getString("status"));
        assertEquals("bob", now.getString("assignee"));
        assertEquals("critical", now.getString("severity"));
        assertEquals(List.of("investigating", "resolved"), now.getJsonArray("nextStatuses").getValuesAs(
                jakarta.json.JsonString::getString));
        assertTrue(now.getJsonArray("timeline").stream().map(JsonValue::asJsonObject)
                .anyMatch(entry -> entry.getString("kind").equals("status_changed")
                        && entry.getString("text").equals("NEW → TRIAGED") && entry.getString("actor").equals("service-account-moat-ticketing")),
                now.toString());
        assertProblem(412, stale, "changed since");
        assertEquals("Reasoning traces harvested",
                Api.json(Api.get("/api/v1/incidents/" + id, ticketing)).getString("title"), "the stale change is not applied");
    }

    @Test
    void illegal_workflow_moves_are_refused_and_nothing_changes() {
        JsonObject incident = opened("acme", randomKeyId());
        String id = incident.getString("id");

        HttpResponse<String> refused = patch(id, "\"" + incident.getJsonNumber("version") + "\"",
                Json.createObjectBuilder().add("status", "closed").add("assignee", "bob").build());

        assertProblem(409, refused, "cannot move from NEW to CLOSED");
        JsonObject after = Api.json(Api.get("/api/v1/incidents/" + id, ticketing));
        assertEquals("new", after.getString("status"));
        assertTrue(!after.containsKey("assignee"), "the assignment in the refused request is rolled back too");
    }

    @Test
    void comments_are_kept_as_plain_text_and_retries_add_nothing() {
        String id = opened("acme", randomKeyId()).getString("id");
        String script = "<script>alert('x')</script> looks like <b>HTML</b>";
        String body = Json.createObjectBuilder().add("text", script).build().toString();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = Api.call("POST", "/api/v1/incidents/" + id + "/comments", ticketing, body,
                "Idempotency-Key", key);
        HttpResponse<String> retry = Api.call("POST", "/api/v1/incidents/" + id + "/comments", ticketing, body,
                "Idempotency-Key", key);
        HttpResponse<String> oversized = Api.call("POST", "/api/v1/incidents/" + id + "/comments", ticketing,
                Json.createObjectBuilder().add("text", "x".repeat(10_001)).build().toString());

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(Api.json(first).getString("id"), Api.json(retry).getString("id"));
        assertProblem(400, oversized, "10000");
        List<JsonObject> comments = Api.json(Api.get("/api/v1/incidents/" + id, ticketing)).getJsonArray("timeline")
                .stream().map(JsonValue::asJsonObject).filter(entry -> entry.getString("kind").equals("comment")).toList();
        assertEquals(1, comments.size());
        assertEquals(script, comments.getFirst().getString("text"));
    }

    @Test
    void the_list_filters_and_pages_with_a_cursor() {
        String keyId = randomKeyId();
        for (int i = 0; i < 3; i++) {
            opened("acme", keyId);
        }

        JsonObject firstPage = Api.json(Api.get("/api/v1/incidents?key=" + keyId + "&limit=2", ticketing));
        JsonObject secondPage = Api.json(Api.get("/api/v1/incidents?key=" + keyId + "&limit=2&cursor="
                + firstPage.getString("next"), ticketing));

        assertEquals(2, firstPage.getJsonArray("items").size());
        assertEquals(1, secondPage.getJsonArray("items").size());
        assertTrue(!secondPage.containsKey("next"), "the last page has no cursor");
        assertEquals(0, Api.json(Api.get("/api/v1/incidents?key=" + keyId + "&status=closed", ticketing))
                .getJsonArray("items").size());
        assertEquals(0, Api.json(Api.get("/api/v1/incidents?key=" + keyId + "&updatedSince=2999-01-01T00:00:00Z",
                ticketing)).getJsonArray("items").size());
    }

    @Test
    void a_tenant_admin_reads_only_its_own_tenants_cases_and_changes_none() {
        String keyId = randomKeyId();
        JsonObject own = opened("acme", keyId);
        JsonObject foreign = opened("globex", keyId);
        String dave = Keycloak.userToken("dave");

        assertEquals(200, Api.get("/api/v1/incidents/" + own.getString("id"), dave).statusCode());
        assertProblem(404, Api.get("/api/v1/incidents/" + foreign.getString("id"), dave), foreign.getString("id"));
        List<String> listed = Api.json(Api.get("/api/v1/incidents?key=" + keyId, dave)).getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("tenant")).toList();
        assertEquals(List.of("acme"), listed);
        assertEquals(403, open(dave, "acme", keyId).statusCode());
        // Refused for its role before any case is looked up: the answer says nothing about foreign cases.
        assertEquals(403, Api.call("POST", "/api/v1/incidents/" + own.getString("id") + "/comments", dave,
                "{\"text\":\"mine\"}").statusCode());
        assertEquals(403, Api.call("POST", "/api/v1/incidents/" + foreign.getString("id") + "/comments", dave,
                "{\"text\":\"theirs\"}").statusCode());
        String carol = Keycloak.userToken("carol");
        assertEquals(200, Api.get("/api/v1/incidents/" + foreign.getString("id"), carol).statusCode());
        assertEquals(403, Api.call("PATCH", "/api/v1/incidents/" + own.getString("id"), carol, "{\"title\":\"x\"}",
                "If-Match", "\"0\"").statusCode());
    }

    private static List<String> texts(JsonObject incident, String field) {
        return incident.getJsonArray(field).getValuesAs(jakarta.json.JsonString::getString);
    }

    private static List<JsonObject> timeline(JsonObject incident) {
        return incident.getJsonArray("timeline").getValuesAs(JsonValue::asJsonObject);
    }

    @Test
    void merging_keeps_everything_on_the_target_and_leaves_the_source_readable_and_pointing_to_it() {
        String firstKey = randomKeyId();
        String secondKey = randomKeyId();
        String target = opened("acme", firstKey).getString("id");
        String source = opened("acme", secondKey).getString("id");
        String foreign = opened("globex", secondKey).getString("id");
        Api.post("/api/v1/incidents/" + source + "/comments", ticketing,
                Json.createObjectBuilder().add("text", "same template as " + target).build());

        HttpResponse<String> merged = Api.post("/api/v1/incidents/" + target + "/merge", ticketing,
                Json.createObjectBuilder().add("cases", Json.createArrayBuilder().add(source))
                        .add("reason", "one campaign").build());

        assertEquals(200, merged.statusCode(), merged.body());
        JsonObject into = Api.json(merged);
        assertEquals(2, into.getJsonArray("observables").size());
        assertTrue(timeline(into).stream().anyMatch(e -> e.getString("text").equals("[" + source + "] same template as "
                + target)), "the source's comment is on the target");
        assertTrue(timeline(into).stream().anyMatch(e -> e.getString("kind").equals("merged")));
        JsonObject from = Api.json(Api.get("/api/v1/incidents/" + source, ticketing));
        assertEquals("closed", from.getString("status"));
        assertEquals(target, from.getString("mergedInto"));
        assertProblem(400, Api.post("/api/v1/incidents/" + target + "/merge", ticketing, Json.createObjectBuilder()
                .add("cases", Json.createArrayBuilder().add(source)).add("reason", "again").build()), "already");
        assertProblem(400, Api.post("/api/v1/incidents/" + target + "/merge", ticketing, Json.createObjectBuilder()
                .add("cases", Json.createArrayBuilder().add(foreign)).add("reason", "x").build()), "another tenant");
        assertProblem(400, Api.post("/api/v1/incidents/" + target + "/merge", ticketing, Json.createObjectBuilder()
                .add("cases", Json.createArrayBuilder().add(foreign)).build()), "reason");
    }

    @Test
    void related_cases_are_linked_both_ways() {
        String one = opened("acme", randomKeyId()).getString("id");
        String two = opened("acme", randomKeyId()).getString("id");

        HttpResponse<String> linked = Api.post("/api/v1/incidents/" + one + "/related", ticketing,
                Json.createObjectBuilder().add("case", two).build());

        assertEquals(200, linked.statusCode(), linked.body());
        assertEquals(List.of(two), texts(Api.json(linked), "relatedCases"));
        assertEquals(List.of(one), texts(Api.json(Api.get("/api/v1/incidents/" + two, ticketing)), "relatedCases"));
    }

    @Test
    void containment_from_a_case_revokes_limits_and_fences_and_lands_on_the_timeline() {
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/acme/keys", alice,
                Json.createObjectBuilder().add("name", "suspect").build()));
        String keyId = issued.getJsonObject("details").getString("id");
        String id = opened("acme", keyId).getString("id");
        String path = "/api/v1/incidents/" + id + "/containment";

        assertEquals(200, Api.post(path, ticketing, Json.createObjectBuilder().add("action", "limit_key").add("key", keyId)
                .add("limits", Json.createObjectBuilder().add("requestsPerMinute", 5)).build()).statusCode());
        assertEquals(200, Api.post(path, ticketing, Json.createObjectBuilder().add("action", "deny_country")
                .add("country", "kp").build()).statusCode());
        assertEquals(200, Api.post(path, ticketing, Json.createObjectBuilder().add("action", "deny_network")
                .add("network", "198.51.100.7/24").build()).statusCode());
        String revoke = Json.createObjectBuilder().add("action", "revoke_key").add("key", keyId).build().toString();
        HttpResponse<String> revoked = Api.call("POST", path, ticketing, revoke, "Idempotency-Key", "revoke-" + keyId);
        Api.call("POST", path, ticketing, revoke, "Idempotency-Key", "revoke-" + keyId); // a retry: nothing more

        assertEquals(200, revoked.statusCode(), revoked.body());
        JsonObject key = Api.json(Api.get("/api/v1/keys/" + keyId, alice));
        assertEquals("revoked", key.getString("status"));
        assertEquals(5, key.getJsonObject("limits").getInt("requestsPerMinute"));
        JsonObject geo = Api.json(Api.get("/api/v1/tenants/acme/geo-policy", alice));
        assertTrue(geo.getJsonArray("countries").toString().contains("KP"), geo.toString());
        assertTrue(geo.getJsonArray("deniedNetworks").toString().contains("198.51.100.0/24"), geo.toString());
        assertEquals(List.of("Limited key " + keyId, "Denied country KP to tenant acme",
                        "Denied network 198.51.100.0/24 to tenant acme", "Revoked key " + keyId),
                timeline(Api.json(Api.get("/api/v1/incidents/" + id, ticketing))).stream()
                        .filter(e -> e.getString("kind").equals("containment"))
                        .map(e -> e.getString("text").replaceAll(" to [0-9].*", "")).toList());
        String otherTenantsKey = Api.json(Api.post("/api/v1/tenants/globex/keys", alice,
                Json.createObjectBuilder().add("name", "innocent").build())).getJsonObject("details").getString("id");
        assertProblem(400, Api.post(path, ticketing, Json.createObjectBuilder().add("action", "revoke_key")
                .add("key", otherTenantsKey).build()), "another tenant");
        assertEquals("active", Api.json(Api.get("/api/v1/keys/" + otherTenantsKey, alice)).getString("status"));
        assertProblem(400, Api.post(path, ticketing, Json.createObjectBuilder().add("action", "nuke").build()), "action");
    }

    @Test
    void bad_input_gets_a_clear_problem_and_writes_nothing() {
        String keyId = randomKeyId();
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing, "{\"title\": \"x\""), "not valid JSON");
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing,
                "{\"title\": \"x\", \"severity\": \"apocalyptic\"}"), "severity must be one of");
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing,
                "{\"title\": \"x\", \"observables\": [{\"kind\": \"api_key\", \"value\": \"moat_" + keyId + "_secret\"}]}"),
                "key id");
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing, "{\"severity\": \"low\"}"), "title");
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing, "{\"title\": \"x\", \"tenant\": \"nobody\"}"),
                "no tenant");
        assertProblem(400, Api.call("POST", "/api/v1/incidents", ticketing, "{\"title\": \"x\", \"assignee\": "
                + "\"mallory\"}"), "no user 'mallory'");
        assertProblem(400, Api.get("/api/v1/incidents?updatedSince=yesterday", ticketing), "ISO-8601");
        assertProblem(404, Api.get("/api/v1/incidents/MOAT-999999999", ticketing), "MOAT-999999999");
        assertProblem(404, Api.get("/api/v1/incidents/42", ticketing), "MOAT-12");
        assertNotNull(Api.json(Api.get("/api/v1/incidents?key=" + keyId, ticketing)).getJsonArray("items"));
        assertEquals(0, Api.json(Api.get("/api/v1/incidents?key=" + keyId, ticketing)).getJsonArray("items").size());
    }
}
