package dev.moat.e2e;

import static dev.moat.e2e.AccessMatrixIT.Outcome.ALLOWED;
import static dev.moat.e2e.AccessMatrixIT.Outcome.EMPTY;
import static dev.moat.e2e.AccessMatrixIT.Outcome.FORBIDDEN;
import static dev.moat.e2e.AccessMatrixIT.Outcome.HIDDEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation and roles as a matrix: every REST endpoint, called by each role with a real Keycloak token,
 * and by a tenant admin on its own tenant and on a foreign one. Writes act on fresh objects, so each cell is
 * independent of the others.
 */
@ExtendWith(MoatStack.class)
class AccessMatrixIT {

    private static final String OWN = "acme";
    private static final String FOREIGN = "globex";

    /** ALLOWED: 2xx; FORBIDDEN: 403; HIDDEN: 404, as if it did not exist; EMPTY: 200 with nothing in it. */
    enum Outcome { ALLOWED, FORBIDDEN, HIDDEN, EMPTY }

    /** An endpoint called in a tenant by a token, and what alice, bob, carol and dave (own, foreign) must get. */
    private record Row(String endpoint, BiFunction<String, String, HttpResponse<String>> call, Outcome alice,
                       Outcome bob, Outcome carol, Outcome daveOwn, Outcome daveForeign) {
    }

    private static String admin;
    private static String ticketing;

    @BeforeAll
    static void tenantsExist() {
        admin = Keycloak.userToken("alice");
        ticketing = Keycloak.ticketingToken();
        for (String tenant : List.of(OWN, FOREIGN)) {
            HttpResponse<String> created = Api.post("/api/v1/tenants", admin, Json.createObjectBuilder().add("id", tenant)
                    .add("name", tenant).add("upstreamBaseUrl", "http://localhost:8090/v1").build());
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        }
    }

    /** The subscriptions the matrix made would otherwise be tried for the rest of the run. */
    @AfterAll
    static void removeMatrixWebhooks() {
        Api.jsonArray(Api.get("/api/v1/webhooks", admin)).getValuesAs(JsonValue::asJsonObject).stream()
                .filter(hook -> hook.getString("url").equals("https://example.com/matrix"))
                .forEach(hook -> Api.call("DELETE", "/api/v1/webhooks/" + hook.getString("id"), admin, null));
    }

    private static String freshKey(String tenant) {
        return Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", admin, Json.createObjectBuilder()
                .add("name", "matrix " + UUID.randomUUID()).build())).getJsonObject("details").getString("id");
    }

    private static String freshCase(String tenant) {
        return Api.json(Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder()
                .add("title", "matrix").add("tenant", tenant).build())).getString("id");
    }

    private static List<Row> matrix() {
        return List.of(
                new Row("GET /tenants/{t}", (t, token) -> Api.get("/api/v1/tenants/" + t, token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("PATCH /tenants/{t}", (t, token) -> Api.call("PATCH", "/api/v1/tenants/" + t, token,
                        "{\"name\": \"" + t + "\"}"), ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /tenants/{t}/limits", (t, token) -> Api.get("/api/v1/tenants/" + t + "/limits", token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("PUT /tenants/{t}/limits", (t, token) -> Api.call("PUT", "/api/v1/tenants/" + t + "/limits",
                        token, "{}"), ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /tenants/{t}/geo-policy", (t, token) -> Api.get("/api/v1/tenants/" + t + "/geo-policy",
                        token), ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("PUT /tenants/{t}/geo-policy", (t, token) -> Api.call("PUT", "/api/v1/tenants/" + t
                        + "/geo-policy", token, Api.get("/api/v1/tenants/" + t + "/geo-policy", admin).body()),
                        ALLOWED, ALLOWED, FORBIDDEN, ALLOWED, HIDDEN),
                new Row("GET /tenants/{t}/keys", (t, token) -> Api.get("/api/v1/tenants/" + t + "/keys", token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("POST /tenants/{t}/keys", (t, token) -> Api.call("POST", "/api/v1/tenants/" + t + "/keys",
                        token, "{\"name\": \"matrix\"}"), ALLOWED, FORBIDDEN, FORBIDDEN, ALLOWED, HIDDEN),
                new Row("GET /keys/{k}", (t, token) -> Api.get("/api/v1/keys/" + freshKey(t), token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("POST /keys/{k}/rotate", (t, token) -> Api.post("/api/v1/keys/" + freshKey(t) + "/rotate",
                        token, null), ALLOWED, FORBIDDEN, FORBIDDEN, ALLOWED, HIDDEN),
                new Row("POST /keys/{k}/revoke", (t, token) -> Api.post("/api/v1/keys/" + freshKey(t) + "/revoke",
                        token, null), ALLOWED, ALLOWED, FORBIDDEN, ALLOWED, HIDDEN),
                new Row("PUT /keys/{k}/limits", (t, token) -> Api.call("PUT", "/api/v1/keys/" + freshKey(t)
                        + "/limits", token, "{}"), ALLOWED, ALLOWED, FORBIDDEN, ALLOWED, HIDDEN),
                new Row("PUT /keys/{k}/own-workload", (t, token) -> Api.call("PUT", "/api/v1/keys/" + freshKey(t)
                        + "/own-workload", token, "{\"reason\": \"evaluation\"}"), ALLOWED, ALLOWED, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN),
                new Row("DELETE /keys/{k}/own-workload", (t, token) -> Api.call("DELETE", "/api/v1/keys/"
                        + freshKey(t) + "/own-workload", token, null), ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN,
                        FORBIDDEN),
                new Row("GET /keys/{k}/behaviour", (t, token) -> Api.get("/api/v1/keys/" + freshKey(t) + "/behaviour",
                        token), ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("GET /usage?tenant={t}", (t, token) -> Api.get("/api/v1/usage?tenant=" + t, token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, EMPTY),
                new Row("GET /incidents?tenant={t}", (t, token) -> withCase(t, () -> Api.get("/api/v1/incidents?tenant="
                        + t, token)), ALLOWED, ALLOWED, ALLOWED, ALLOWED, EMPTY),
                new Row("GET /incidents/{c}", (t, token) -> Api.get("/api/v1/incidents/" + freshCase(t), token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("GET /incidents/{c}/evidence-pack", (t, token) -> Api.get("/api/v1/incidents/" + freshCase(t)
                        + "/evidence-pack", token), ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIDDEN),
                new Row("POST /incidents", (t, token) -> Api.call("POST", "/api/v1/incidents", token,
                        "{\"title\": \"matrix\", \"tenant\": \"" + t + "\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("PATCH /incidents/{c}", (t, token) -> Api.call("PATCH", "/api/v1/incidents/" + freshCase(t),
                        token, "{\"tags\": [\"matrix\"]}", "If-Match", "\"0\""),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("POST /incidents/{c}/comments", (t, token) -> Api.call("POST", "/api/v1/incidents/"
                        + freshCase(t) + "/comments", token, "{\"text\": \"matrix\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("POST /incidents/{c}/containment", (t, token) -> Api.call("POST", "/api/v1/incidents/"
                        + freshCase(t) + "/containment", token, "{\"action\": \"deny_asn\", \"asn\": \"AS64496\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("POST /incidents/{c}/merge", (t, token) -> Api.call("POST", "/api/v1/incidents/"
                        + freshCase(t) + "/merge", token, "{\"cases\": [\"" + freshCase(t) + "\"], \"reason\": \"m\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("POST /incidents/{c}/related", (t, token) -> Api.call("POST", "/api/v1/incidents/"
                        + freshCase(t) + "/related", token, "{\"case\": \"" + freshCase(t) + "\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /rules", (t, token) -> Api.get("/api/v1/rules", token),
                        ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("POST /rules", (t, token) -> Api.call("POST", "/api/v1/rules", token, "{\"name\": \"matrix\", "
                        + "\"kind\": \"pattern\", \"pattern\": \"zz-matrix-zz\", \"tenantId\": \"" + t + "\"}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /rules/export", (t, token) -> Api.get("/api/v1/rules/export", token),
                        ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("POST /rules/test", (t, token) -> Api.call("POST", "/api/v1/rules/test", token,
                        "{\"prompt\": \"hello\"}"), ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("GET /audit", (t, token) -> Api.get("/api/v1/audit?limit=1", token),
                        ALLOWED, FORBIDDEN, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("GET /audit/verify", (t, token) -> Api.get("/api/v1/audit/verify", token),
                        ALLOWED, FORBIDDEN, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("POST /webhooks", (t, token) -> Api.call("POST", "/api/v1/webhooks", token,
                        "{\"url\": \"https://example.com/matrix\", \"eventTypes\": [\"incident.created\"]}"),
                        ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /webhooks", (t, token) -> Api.get("/api/v1/webhooks", token),
                        ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("GET /geoip/{ip}", (t, token) -> Api.get("/api/v1/geoip/1.0.0.1", token),
                        ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
                new Row("POST /tenants", (t, token) -> Api.call("POST", "/api/v1/tenants", token, "{\"id\": \"m-"
                        + UUID.randomUUID().toString().substring(0, 8) + "\", \"name\": \"m\", \"upstreamBaseUrl\": "
                        + "\"http://localhost:8090/v1\"}"), ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Row("GET /whoami", (t, token) -> Api.get("/api/v1/whoami", token),
                        ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED));
    }

    private static HttpResponse<String> withCase(String tenant, Supplier<HttpResponse<String>> call) {
        freshCase(tenant);
        return call.get();
    }

    @Test
    void every_endpoint_answers_each_role_and_tenant_as_the_access_rules_say() {
        String bob = Keycloak.userToken("bob");
        String carol = Keycloak.userToken("carol");
        String dave = Keycloak.userToken("dave");
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-34s %-9s %-9s %-9s %-9s %-9s%n", "endpoint", "alice",
                "bob", "carol", "dave own", "dave for."));
        for (Row row : matrix()) {
            Outcome alice = check(row, "alice", OWN, admin, row.alice(), wrong);
            Outcome bobs = check(row, "bob", OWN, bob, row.bob(), wrong);
            Outcome carols = check(row, "carol", OWN, carol, row.carol(), wrong);
            Outcome own = check(row, "dave", OWN, dave, row.daveOwn(), wrong);
            Outcome foreign = check(row, "dave", FOREIGN, dave, row.daveForeign(), wrong);
            table.append(String.format("%-34s %-9s %-9s %-9s %-9s %-9s%n", row.endpoint(), alice, bobs, carols, own,
                    foreign));
        }
        System.out.println(table);
        assertEquals(List.of(), wrong, "cells that differ from the access rules:\n" + table);
    }

    private static Outcome check(Row row, String who, String tenant, String token, Outcome expected, List<String> wrong) {
        HttpResponse<String> response = row.call().apply(tenant, token);
        Outcome actual = switch (response.statusCode()) {
            case 403 -> FORBIDDEN;
            case 404 -> HIDDEN;
            default -> response.statusCode() / 100 == 2
                    ? (expected == EMPTY && isEmpty(response.body()) ? EMPTY : ALLOWED) : null;
        };
        if (actual != expected) {
            wrong.add(row.endpoint() + " as " + who + " on " + tenant + ": expected " + expected + ", got "
                    + response.statusCode() + " " + response.body());
        }
        return actual;
    }

    private static boolean isEmpty(String body) {
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("items").isEmpty();
    }
}
