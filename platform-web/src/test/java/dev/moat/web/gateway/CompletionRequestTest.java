package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompletionRequestTest {

    private static Optional<CompletionRequest> parse(String json) {
        return CompletionRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"llama-3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|llama-3|false",
            "{\"messages\":[{\"model\":\"nested-is-ignored\"}],\"stream\":true,\"model\":\"m\"}|m|true",
            "{\"model\":\"m\",\"stream\":false,\"stream_options\":{\"model\":\"x\"}}|m|false",
            "{\"model\":\"m\",\"input\":[1,2,[3]],\"n\":2}|m|false"})
    void reads_model_and_stream_from_the_top_level(String json, String model, boolean stream) {
        assertEquals(Optional.of(new CompletionRequest(model, stream)), parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"model\":42}", "{\"messages\":[]}", "{\"model\":\"m\"", "{\"model\":\"m\"} trailing"})
    void anything_without_a_string_model_is_refused(String json) {
        assertEquals(Optional.empty(), parse(json));
    }
}
