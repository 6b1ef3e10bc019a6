package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A customer's application on the official OpenAI client for Node.js, pointed at Moat instead of OpenAI. */
@ExtendWith(NodePackages.class)
@ExtendWith(MoatStack.class)
class OpenAiClientIT {

    @Test
    void the_official_client_completes_streams_lists_models_and_sees_a_wrong_key_refused() throws Exception {
        NodePackages.install();
        try (StubUpstream upstream = new StubUpstream()) {
            String alice = Keycloak.userToken("alice");
            String tenant = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                    .add("name", "SDK test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
            String key = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                    Json.createObjectBuilder().add("name", "sdk").build())).getString("key");

            JsonObject result = NodePackages.check(MoatStack.MOAT.resolve("/v1").toString(), key);

            assertEquals("Hello from the stub.", result.getString("completion"));
            assertEquals(9, result.getJsonObject("usage").getInt("total_tokens"));
            assertEquals(StubUpstream.STREAM_CHUNKS, result.getInt("streamChunks"));
            assertTrue(result.getString("streamText").startsWith("token0 token1 "), result.toString());
            assertEquals("stub-model", result.getJsonArray("models").getString(0));
            assertEquals(401, result.getInt("wrongKeyStatus"));
            assertEquals("invalid_api_key", result.getString("wrongKeyCode"));
        }
    }
}
