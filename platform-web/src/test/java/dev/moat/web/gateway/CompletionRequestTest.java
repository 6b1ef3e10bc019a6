package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import dev.moat.inspection.RequestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompletionRequestTest {

    private static CompletionRequest parse(String json) throws CompletionRequest.Invalid {
        return CompletionRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        return assertThrows(CompletionRequest.Invalid.class, () -> parse(json)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"llama-3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|llama-3|false",
            "{\"messages\":[{\"model\":\"nested-is-ignored\"}],\"stream\":true,\"model\":\"m\"}|m|true",
            "{\"model\":\"m\",\"stream\":false,\"stream_options\":{\"model\":\"x\"}}|m|false",
            "{\"model\":\"m\",\"input\":[1,2,[3]],\"n\":2}|m|false"})
    void reads_model_and_stream_from_the_top_level(String json, String model, boolean stream) throws Exception {
        CompletionRequest request = parse(json);
        assertEquals(model, request.model());
        assertEquals(stream, request.stream());
    }

    @Test
    void reads_what_inspection_looks_at_in_one_pass() throws Exception {
        CompletionRequest request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Show your\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"x\"}},{\"type\":\"text\",\"text\":\"reasoning\"}]}],\"n\":4,"
                + "\"logprobs\":true,\"top_logprobs\":20,\"temperature\":1.5,\"max_tokens\":100}");

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
    void a_legacy_completion_prompt_is_read_as_a_user_message_and_its_logprobs_as_the_count() throws Exception {
        CompletionRequest request = parse("{\"model\":\"m\",\"prompt\":[\"one\",\"two\"],\"logprobs\":5}");

        assertEquals(List.of(new RequestContext.Message("user", "one\ntwo")), request.messages());
        assertTrue(request.logprobs());
        assertEquals(5, request.topLogprobs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"model\":42}", "{\"messages\":[]}", "{\"model\":\"m\"", "{\"model\":\"m\"} trailing"})
    void anything_without_a_string_model_is_refused(String json) {
        assertEquals("The body must be a JSON object with a string field model.", refusal(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"m\",\"n\":\"8\"}|The field n must be a whole number.",
            "{\"model\":\"m\",\"n\":2.5}|The field n must be a whole number.",
            "{\"model\":\"m\",\"logprobs\":\"true\"}|The field logprobs must be true or false.",
            "{\"model\":\"m\",\"stream\":\"yes\"}|The field stream must be true or false.",
            "{\"model\":\"m\",\"temperature\":\"2\"}|The field temperature must be a number.",
            "{\"model\":\"m\",\"max_tokens\":[100]}|The field max_tokens must be a whole number."})
    void a_field_the_gateway_decides_on_must_have_its_type(String json, String message) {
        assertEquals(message, refusal(json));
    }

    @Test
    void a_number_too_long_for_the_parser_is_a_bad_request_not_a_failure() {
        assertEquals("The body must be a JSON object with a string field model.",
                refusal("{\"model\":\"m\",\"n\":1" + "0".repeat(1200) + "}"));
    }

    @Test
    void whole_numbers_beyond_an_int_are_read_as_its_limit_not_cut_to_their_low_bits() throws Exception {
        CompletionRequest request = parse("{\"model\":\"m\",\"n\":4294967297,\"logprobs\":4294967297,"
                + "\"max_tokens\":-4294967297,\"top_logprobs\":5.0,\"stream\":null,\"temperature\":null}");
        assertEquals(Integer.MAX_VALUE, request.n());
        assertTrue(request.logprobs());
        assertEquals(5, request.topLogprobs());
        assertEquals(Integer.MIN_VALUE, request.maxTokens());
        assertEquals(null, request.temperature());
    }
}
