package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DegradationTest {

    private static JsonObject degraded(String body) {
        return Json.createReader(new StringReader(new String(Degradation.apply(body.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void a_degraded_request_loses_logprobs_and_samples_and_gets_a_short_answer() {
        JsonObject request = degraded("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"logprobs\":true,\"top_logprobs\":20,\"n\":8,\"max_tokens\":4000,\"stream\":true}");

        assertFalse(request.containsKey("logprobs") || request.containsKey("top_logprobs") || request.containsKey("n"));
        assertEquals(Degradation.MAX_TOKENS, request.getInt("max_tokens"));
        assertEquals("hi", request.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals(true, request.getBoolean("stream"));
    }

    @Test
    void a_short_limit_stays_and_a_missing_one_is_set() {
        assertEquals(50, degraded("{\"model\":\"m\",\"max_completion_tokens\":50}").getInt("max_completion_tokens"));
        assertEquals(Degradation.MAX_TOKENS, degraded("{\"model\":\"m\"}").getInt("max_tokens"));
    }
}
