package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys through the admin REST API: shown once, never again, rotated, revoked, per tenant. */
@ExtendWith(MoatStack.class)
class KeyAdminIT {

    private static String alice;

    @BeforeAll
    static void acmeExists() {
        alice = Keycloak.userToken("alice");
        HttpResponse<String> created = Api.post("/api/v1/tenants", alice, Json.createObjectBuilder()
                .add("id", "acme").add("name", "Acme").add("upstreamBaseUrl", "http://localhost:8090/v1").build());
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
    }

    private static JsonObject createKey(String token, String tenant) {
        HttpResponse<String> response = Api.post("/api/v1/tenants/" + tenant + "/keys", token,
                Json.createObjectBuilder().add("name", "batch job " + UUID.randomUUID())
                        .add("allowedModels", Json.createArrayBuilder().add("demo-model"))
                        .add("ipAllowList", Json.createArrayBuilder().add("10.1.2.3/16")).build());
        assertEquals(201, response.statusCode(), response.body());
        return Api.json(response);
    }

    @Test
    void a_new_key_is_shown_once_and_never_again() {
        JsonObject issued = createKey(alice, "acme");
        String key = issued.getString("key");
        String id = issued.getJsonObject("details").getString("id");

        assertTrue(key.matches("moat_" + id + "_[A-Za-z0-9]{43}"), key);
        assertEquals("active", issued.getJsonObject("details").getString("status"));
        assertEquals("10.1.0.0/16", issued.getJsonObject("details").getJsonArray("ipAllowList").getString(0));
        String secret = key.substring(key.lastIndexOf('_') + 1);
        assertFalse(Api.get("/api/v1/keys/" + id, alice).body().contains(secret));
        assertFalse(Api.get("/api/v1/tenants/acme/keys", alice).body().contains(secret));
    }

    @Test
    void rotation_issues_a_new_secret_and_keeps_the_old_one_for_the_grace_period() {
        JsonObject issued = createKey(alice, "acme");
        String id = issued.getJsonObject("details").getString("id");

        HttpResponse<String> rotated = Api.post("/api/v1/keys/" + id + "/rotate", alice, null);

        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonObject answer = Api.json(rotated);
        assertNotEquals(issued.getString("key"), answer.getString("key"));
        assertTrue(answer.getJsonObject("details").containsKey("previousSecretValidUntil"));
    }

    @Test
    void revocation_is_visible_at_once_and_final() {
        String id = createKey(alice, "acme").getJsonObject("details").getString("id");
        String bob = Keycloak.userToken("bob");

        assertEquals(200, Api.post("/api/v1/keys/" + id + "/revoke", bob, null).statusCode());

        assertEquals("revoked", Api.json(Api.get("/api/v1/keys/" + id, alice)).getString("status"));
        assertEquals(400, Api.post("/api/v1/keys/" + id + "/rotate", alice, null).statusCode());
    }

    @Test
    void operators_declare_a_key_the_tenant_s_own_workload_and_the_tenant_admin_cannot() {
        String id = createKey(alice, "acme").getJsonObject("details").getString("id");
        JsonObject reason = Json.createObjectBuilder().add("reason", "nightly evaluation harness").build();

        assertEquals(403, Api.put("/api/v1/keys/" + id + "/own-workload", Keycloak.userToken("dave"), reason)
                .statusCode(), "the tenant is who the operators protect the model from");
        HttpResponse<String> declared = Api.put("/api/v1/keys/" + id + "/own-workload", Keycloak.userToken("bob"),
                reason);
        assertEquals(200, declared.statusCode(), declared.body());
        assertEquals("nightly evaluation harness", Api.json(Api.get("/api/v1/keys/" + id, alice))
                .getString("ownWorkload"));
        HttpResponse<String> seenByTenant = Api.get("/api/v1/keys/" + id, Keycloak.userToken("dave"));
        assertEquals(200, seenByTenant.statusCode(), seenByTenant.body());
        assertFalse(seenByTenant.body().contains("ownWorkload"), "nor may the tenant admin learn which key goes unreported");
        assertEquals(400, Api.put("/api/v1/keys/" + id + "/own-workload", alice,
                Json.createObjectBuilder().add("reason", " ").build()).statusCode());

        assertEquals(200, Api.call("DELETE", "/api/v1/keys/" + id + "/own-workload", alice, null).statusCode());
        JsonObject withdrawn = Api.json(Api.get("/api/v1/keys/" + id, alice));
        assertFalse(withdrawn.containsKey("ownWorkload") && !withdrawn.isNull("ownWorkload"), withdrawn.toString());
    }

    @Test
    void a_tenant_admin_manages_its_own_keys_and_sees_no_other_tenant() {
        String dave = Keycloak.userToken("dave");
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", other).add("name", "Other")
                .add("upstreamBaseUrl", "http://localhost:8090/v1").build());
        String othersKey = createKey(alice, other).getJsonObject("details").getString("id");

        createKey(dave, "acme");
        assertEquals(404, Api.get("/api/v1/tenants/" + other + "/keys", dave).statusCode());
        assertEquals(404, Api.get("/api/v1/keys/" + othersKey, dave).statusCode());
    }

    @Test
    void an_auditor_reads_keys_but_cannot_create_one() {
        String carol = Keycloak.userToken("carol");

        assertEquals(200, Api.get("/api/v1/tenants/acme/keys", carol).statusCode());
        HttpResponse<String> refused = Api.post("/api/v1/tenants/acme/keys", carol,
                Json.createObjectBuilder().add("name", "nope").build());
        assertEquals(403, refused.statusCode());
    }

    @Test
    void bad_input_gets_a_clear_400() {
        HttpResponse<String> badNetwork = Api.post("/api/v1/tenants/acme/keys", alice,
                Json.createObjectBuilder().add("name", "x").add("ipAllowList", Json.createArrayBuilder().add("example.com")).build());

        assertEquals(400, badNetwork.statusCode());
        assertTrue(Api.json(badNetwork).getString("detail").contains("example.com"));
        assertEquals(404, Api.get("/api/v1/tenants/nobody-here/keys", alice).statusCode());
    }
}
