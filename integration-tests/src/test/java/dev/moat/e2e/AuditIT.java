package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Administrative changes land in the hash-chained audit log with who, from where, before and after. */
@ExtendWith(MoatStack.class)
class AuditIT {

    @Test
    void a_key_issued_and_revoked_is_audited_without_its_secret() {
        String alice = Keycloak.userToken("alice");
        String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Audited").add("upstreamBaseUrl", "http://localhost:8090/v1")
                .add("upstreamApiKey", "sk-upstream-secret-123").build()).statusCode());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "audited key").build()));
        String keyId = issued.getJsonObject("details").getString("id");
        assertEquals(200, Api.post("/api/v1/keys/" + keyId + "/revoke", alice, null).statusCode());

        HttpResponse<String> response = Api.get("/api/v1/audit?tenant=" + tenant, Keycloak.userToken("carol"));

        assertEquals(200, response.statusCode(), response.body());
        List<JsonObject> entries = Api.json(response).getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertEquals(List.of("key.revoked", "key.issued", "tenant.created"),
                entries.stream().map(e -> e.getString("action")).toList());
        JsonObject revoked = entries.getFirst();
        assertEquals("alice", revoked.getString("actor"));
        assertEquals("127.0.0.1", revoked.getString("actorAddress"));
        assertEquals("key:" + keyId, revoked.getString("target"));
        assertEquals("active", revoked.getJsonObject("before").getString("status"));
        assertEquals("revoked", revoked.getJsonObject("after").getString("status"));
        assertTrue(entries.getLast().getJsonObject("after").getBoolean("hasUpstreamApiKey"));
        for (String secret : List.of(issued.getString("key"), issued.getString("signingSecret"), "sk-upstream-secret-123")) {
            assertFalse(response.body().contains(secret), "the audit log holds no secret");
        }
    }

    @Test
    void the_chain_verifies_and_only_admins_and_auditors_read_it() {
        JsonObject verdict = Api.json(Api.get("/api/v1/audit/verify", Keycloak.userToken("carol")));

        assertTrue(verdict.getBoolean("intact"), verdict.toString());
        assertTrue(verdict.getJsonNumber("entriesChecked").longValue() > 0, verdict.toString());
        assertEquals(403, Api.get("/api/v1/audit", Keycloak.userToken("bob")).statusCode());
        assertEquals(403, Api.get("/api/v1/audit", Keycloak.userToken("dave")).statusCode());
        assertEquals(400, Api.get("/api/v1/audit?from=yesterday", Keycloak.userToken("alice")).statusCode());
    }
}
