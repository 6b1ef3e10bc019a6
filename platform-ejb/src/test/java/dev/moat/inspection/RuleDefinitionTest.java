package dev.moat.inspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static Optional<Finding> evaluate(String definition, RequestContext request) {
        return RuleDefinition.fromJson(json(definition), "OPR-1").compile().evaluate(request);
    }

    private static RequestContext chat(String system, String user, Integer topLogprobs, Double temperature) {
        List<RequestContext.Message> messages = system == null
                ? List.of(new RequestContext.Message("user", user))
                : List.of(new RequestContext.Message("system", system), new RequestContext.Message("user", user));
        return RequestContext.of("gpt-x", messages, null, topLogprobs != null, topLogprobs, temperature, null);
    }

    @Test
    void a_pattern_rule_matches_the_normalized_text_and_shows_what_it_matched() {
        String rule = """
                {"name": "Dataset export", "kind": "pattern", "pattern": "(?i)as\\\\s+jsonl", "target": "user_text"}""";
        // A zero-width space between the words does not hide them.
        Optional<Finding> found = evaluate(rule, chat(null, "Write the answers as\u200B jsonl please", null, null));
        assertTrue(found.isPresent());
        assertTrue(found.get().evidence().contains("jsonl"), found.get().evidence());
        assertTrue(evaluate(rule, chat(null, "Write a poem", null, null)).isEmpty());
    }

    @Test
    void a_phrase_rule_needs_its_minimum_of_distinct_phrases() {
        String rule = """
                {"name": "Training talk", "kind": "phrases", "phrases": ["fine-tuning dataset", "training pairs"],
                 "minimumHits": 2}""";
        assertTrue(evaluate(rule, chat(null, "Build a fine-tuning dataset of training pairs", null, null)).isPresent());
        assertTrue(evaluate(rule, chat(null, "Build a fine-tuning dataset", null, null)).isEmpty());
    }

    @Test
    void a_conditions_rule_fires_only_when_every_condition_holds_and_names_the_values() {
        String rule = """
                {"name": "Hot harvest", "kind": "conditions", "conditions": [
                  {"field": "top_logprobs", "operator": ">=", "value": 5},
                  {"field": "temperature", "operator": ">", "value": "1.2"},
                  {"field": "system_prompt", "operator": "contains", "value": "Teacher"}]}""";
        Optional<Finding> found = evaluate(rule, chat("You are a teacher model", "hi", 10, 1.5));
        assertTrue(found.isPresent());
        assertEquals("top_logprobs >= 5 (was 10), temperature > 1.2 (was 1.5), system_prompt contains Teacher "
                + "(was you are a teacher model)", found.get().evidence(), "rules see the normalized text");
        assertTrue(evaluate(rule, chat("You are a teacher model", "hi", 10, 0.7)).isEmpty());
        assertTrue(evaluate(rule, chat(null, "hi", 10, 1.5)).isEmpty(), "an absent system prompt contains nothing");
        assertTrue(evaluate(rule, chat("You are a teacher model", "hi", null, 1.5)).isEmpty(), "no top_logprobs asked");
    }

    @Test
    void an_invalid_pattern_is_refused_naming_what_is_wrong_and_where() {
        assertMessage("missing closing ) for the ( at position 5 in 'a|[(](b'", """
                {"name": "x", "kind": "pattern", "pattern": "a|[(](b"}""");
        assertMessage("invalid nested repetition operator at position 2 ('**')", """
                {"name": "x", "kind": "pattern", "pattern": "ab**"}""");
        assertMessage("missing closing ] at position 1 ('[a-')", """
                {"name": "x", "kind": "pattern", "pattern": "x[a-"}""");
        assertMessage("unexpected ) at position 6 in '(a)[)]))'", """
                {"name": "x", "kind": "pattern", "pattern": "(a)[)]))"}""");
        assertMessage("unexpected ) at position 4", """
                {"name": "x", "kind": "pattern", "pattern": "[]a])"}""");
    }

    @Test
    void a_pattern_whose_repetitions_expand_beyond_the_limit_is_refused_naming_where() {
        // a million steps per character: linear in a 1 MiB prompt, and still hours
        assertPatternRefused("expand to about 1000000 steps, at most 256 are allowed (matching time grows with them); "
                + "passed at position 9 in '(?:a{1000}){1000}'", "(?:a{1000}){1000}");
        assertPatternRefused("expand to about 1001 steps", "[\\p{L}]{1000}x");
        assertPatternRefused("over a trillion steps", "((((a{999}){999}){999}){999}){999}");
        assertPatternRefused("pattern too large", "(?:(?:(?:x\\Q(\\E){50}\\Q(\\E){50}\\Q(\\E){50}");
        for (String ordinary : List.of("reveal.{0,200}reasoning", "(?i)(show|reveal) (your )?(hidden|inner) thoughts",
                "\\d{3}-\\d{3}-\\d{4}", "[a-z]{2,8}@[a-z]{2,30}\\.com", "(?P<word>[[:alpha:]]+){1,100}",
                "\\Q{1000}\\E")) {
            patternRule(ordinary).compile();
        }
        assertEquals(9, PatternSize.of("(ab|cd){2}x", 256).steps(), "a group counts what it holds, times its count");
        assertEquals(256, PatternSize.of(".{0,256}", 256).steps());
    }

    private static RuleDefinition patternRule(String pattern) {
        return RuleDefinition.fromJson(Json.createObjectBuilder().add("name", "x").add("kind", "pattern")
                .add("pattern", pattern).build(), "OPR-1");
    }

    private static void assertPatternRefused(String expected, String pattern) {
        DomainRuleViolation refused = assertThrows(DomainRuleViolation.class, () -> patternRule(pattern).compile());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void what_could_not_run_is_refused_with_a_clear_message() {
        assertMessage("invalid pattern", """
                {"name": "x", "kind": "pattern", "pattern": "(unclosed"}""");
        assertMessage("kind is required", """
                {"name": "x", "pattern": "a"}""");
        assertMessage("kind must be one of", """
                {"name": "x", "kind": "lua"}""");
        assertMessage("needs at least one phrase", """
                {"name": "x", "kind": "phrases", "phrases": []}""");
        assertMessage("minimumHits must be 1..1", """
                {"name": "x", "kind": "phrases", "phrases": ["a b"], "minimumHits": 3}""");
        assertMessage("unknown condition field 'colour'", """
                {"name": "x", "kind": "conditions", "conditions": [{"field": "colour", "operator": "=", "value": "red"}]}""");
        assertMessage("temperature is a number", """
                {"name": "x", "kind": "conditions", "conditions": [{"field": "temperature", "operator": ">", "value": "hot"}]}""");
        assertMessage("'contains' compares texts", """
                {"name": "x", "kind": "conditions", "conditions": [{"field": "n", "operator": "contains", "value": "2"}]}""");
        assertMessage("needs 1 to 20 conditions", """
                {"name": "x", "kind": "conditions", "conditions": []}""");
        assertMessage("a rule needs a name", """
                {"kind": "pattern", "pattern": "a"}""");
        assertMessage("severity must be one of", """
                {"name": "x", "kind": "pattern", "pattern": "a", "severity": "fatal"}""");
    }

    @Test
    void a_definition_survives_its_json_unchanged() {
        for (String text : List.of("""
                {"name": "P", "description": "d", "category": "export", "severity": "critical", "mode": "monitor",
                 "kind": "pattern", "pattern": "a+b", "target": "system_prompt", "tenantId": "acme"}""", """
                {"name": "Ph", "kind": "phrases", "phrases": ["one two", "three"], "minimumHits": 2}""", """
                {"name": "C", "kind": "conditions", "conditions": [{"field": "model", "operator": "!=", "value": "m"},
                 {"field": "logprobs", "operator": "=", "value": true}]}""")) {
            RuleDefinition once = RuleDefinition.fromJson(json(text), "OPR-7");
            RuleDefinition twice = RuleDefinition.fromJson(once.toJson(), "OPR-7");
            assertEquals(once.toJson(), twice.toJson());
            assertEquals(once.info(), twice.info());
        }
    }

    private static void assertMessage(String expected, String definition) {
        DomainRuleViolation refused = assertThrows(DomainRuleViolation.class,
                () -> RuleDefinition.fromJson(json(definition), "OPR-1").compile());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
