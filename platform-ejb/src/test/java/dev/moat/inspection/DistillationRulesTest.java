package dev.moat.inspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.moat.SharedTestData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each built-in rule against its table (src/test/resources/inspection/rules/&lt;id&gt;.json): requests it must
 * fire on, and requests it must leave alone; every test is named after the rule and the case.
 */
class DistillationRulesTest {

    @TestFactory
    Stream<DynamicTest> every_rule_fires_on_its_examples_and_only_on_them() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : DistillationRules.pack()) {
            JsonObject table = table(rule.id());
            List<JsonObject> fires = table.getJsonArray("fires").getValuesAs(JsonValue::asJsonObject);
            List<JsonObject> quiet = table.getJsonArray("quiet").getValuesAs(JsonValue::asJsonObject);
            for (int i = 0; i < fires.size(); i++) {
                JsonObject example = fires.get(i);
                tests.add(dynamicTest(rule.id() + " fires on #" + (i + 1), () -> assertTrue(
                        rule.evaluate(context(example)).isPresent(), rule.id() + " should fire on " + example)));
            }
            for (int i = 0; i < quiet.size(); i++) {
                JsonObject example = quiet.get(i);
                tests.add(dynamicTest(rule.id() + " stays quiet on #" + (i + 1), () -> assertTrue(
                        rule.evaluate(context(example)).isEmpty(), rule.id() + " should not fire on " + example)));
            }
        }
        return tests.stream();
    }

    @Test
    void every_rule_has_a_table_and_a_unique_id() throws IOException {
        List<String> ids = DistillationRules.pack().stream().map(Rule::id).toList();
        assertEquals(ids.stream().distinct().count(), ids.size());
        for (String id : ids) {
            assertTrue(table(id).getJsonArray("fires").size() >= 2, id + " needs examples that fire");
        }
    }

    @Test
    void the_alpaca_generation_prompt_is_caught_as_a_data_generation_meta_prompt() throws IOException {
        Path prompt = SharedTestData.dataset("alpaca-generation-prompt.txt");
        Verdict verdict = Inspector.inspect(RequestContext.ofPrompt(Files.readString(prompt)), DistillationRules.pack());

        assertTrue(verdict.findings().stream().anyMatch(f -> f.ruleId().equals("DST-120")), verdict.toString());
        assertTrue(verdict.decision().compareTo(Verdict.Decision.THROTTLE) >= 0, verdict.toString());
    }

    private static JsonObject table(String ruleId) throws IOException {
        try (InputStream in = DistillationRulesTest.class.getResourceAsStream("/inspection/rules/" + ruleId + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no table for rule " + ruleId);
            }
            return Json.createReader(in).readObject();
        }
    }

    private static RequestContext context(JsonObject example) {
        List<RequestContext.Message> messages = new ArrayList<>();
        if (example.containsKey("system")) {
            messages.add(new RequestContext.Message("system", example.getString("system")));
        }
        messages.add(new RequestContext.Message("user", example.getString("prompt")));
        return RequestContext.of("model", messages, example.containsKey("n") ? example.getInt("n") : null,
                example.getBoolean("logprobs", false),
                example.containsKey("topLogprobs") ? example.getInt("topLogprobs") : null,
                example.containsKey("temperature") ? example.getJsonNumber("temperature").doubleValue() : null, null);
    }
}
