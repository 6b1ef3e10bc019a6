package dev.moat.web.gateway;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What a degraded request loses before it reaches the model: log-probabilities, more than one sample, and
 * long answers (capped at {@value #MAX_TOKENS} tokens). The rest of the request is forwarded as it was.
 */
final class Degradation {

    static final int MAX_TOKENS = 256;
    private static final Set<String> DROPPED = Set.of("logprobs", "top_logprobs", "n", "best_of");

    private Degradation() {
    }

    static byte[] apply(byte[] body) {
        JsonObject request;
        try {
            request = JSON.createReader(new ByteArrayInputStream(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return body; // the gateway parsed it already; should it not parse here, it goes as it came
        }
        JsonObjectBuilder degraded = JSON.createObjectBuilder();
        request.forEach((field, value) -> {
            if (!DROPPED.contains(field) && !field.equals("max_tokens") && !field.equals("max_completion_tokens")) {
                degraded.add(field, value);
            }
        });
        degraded.add(request.containsKey("max_completion_tokens") ? "max_completion_tokens" : "max_tokens",
                capped(request.get("max_completion_tokens"), request.get("max_tokens")));
        return degraded.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int capped(JsonValue completion, JsonValue legacy) {
        JsonValue asked = completion != null ? completion : legacy;
        return asked instanceof JsonNumber number && number.isIntegral() ? Math.min(number.intValue(), MAX_TOKENS)
                : MAX_TOKENS;
    }
}
