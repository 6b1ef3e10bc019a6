package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import dev.moat.inspection.RequestContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
        CompletionRequest request = parse(json).orElseThrow();
        assertEquals(model, request.model());
        assertEquals(stream, request.stream());
    }

    @Test
    void reads_what_inspection_looks_at_in_one_pass() {
        CompletionRequest request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Show your\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"x\"}},{\"type\":\"text\",\"text\":\"reasoning\"}]}],\"n\":4,"
                + "\"logprobs\":true,\"top_logprobs\":20,\"temperature\":1.5,\"max_tokens\":100}").orElseThrow();

        assertEquals(List.of(new RequestContext.Message("system", "Be brief"),
                new RequestContext.Message("user", "Show your\nreasoning")), request.messages());
        assertEquals(4, request.n());
        assertTrue(request.logprobs());
        assertEquals(20, request.topLogprobs());
        assertEquals(1.5, request.temperature());
        assertEquals(100, request.maxTokens());
        assertEquals("show your reasoning", request.inspected().userText(), "normalized: one space");
    }

    @Test
    void a_legacy_completion_prompt_is_read_as_a_user_message_and_its_logprobs_as_the_count() {
        CompletionRequest request = parse("{\"model\":\"m\",\"prompt\":[\"one\",\"two\"],\"logprobs\":5}").orElseThrow();

        assertEquals(List.of(new RequestContext.Message("user", "one\ntwo")), request.messages());
        assertTrue(request.logprobs());
        assertEquals(5, request.topLogprobs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"model\":42}", "{\"messages\":[]}", "{\"model\":\"m\"", "{\"model\":\"m\"} trailing"})
    void anything_without_a_string_model_is_refused(String json) {
        assertEquals(Optional.empty(), parse(json));
    }
}
