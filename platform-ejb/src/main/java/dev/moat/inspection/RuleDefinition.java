package dev.moat.inspection;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.domain.DomainRuleViolation;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rule as an operator writes it, in JSON: what every rule has ({@link RuleInfo}), whom it applies to (one tenant,
 * or every tenant when {@code tenantId} is absent) and one of three kinds: a {@code pattern} (RE2/J, linear time),
 * a list of {@code phrases} (one Aho–Corasick pass over the folded text) or {@code conditions} on request fields.
 * {@link #compile()} turns it into the {@link Rule} the gateway runs, and rejects what could not run.
 */
public record RuleDefinition(RuleInfo info, String tenantId, Kind kind, String pattern, PatternRule.Target target,
                             List<String> phrases, int minimumHits, List<Condition> conditions) {

    public enum Kind { PATTERN, PHRASES, CONDITIONS }

    private static final int MAX_PATTERN = 2_000;
    private static final int MAX_PHRASES = 5_000;
    private static final int MAX_CONDITIONS = 20;

    public RuleDefinition {
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        tenantId = tenantId == null || tenantId.isBlank() ? null : tenantId.strip();
    }

    /** The same rule under another id (a new rule gets its id from the store). */
    public RuleDefinition withId(String id) {
        return new RuleDefinition(new RuleInfo(id, info.name(), info.description(), info.category(), info.severity(),
                info.mode()), tenantId, kind, pattern, target, phrases, minimumHits, conditions);
    }

    /** @throws DomainRuleViolation saying what is missing or wrong */
    public static RuleDefinition fromJson(JsonObject json, String id) {
        RuleInfo info = new RuleInfo(id, text(json, "name"), text(json, "description"), text(json, "category"),
                choice(Rule.Severity.class, text(json, "severity"), "severity"),
                choice(Rule.Mode.class, text(json, "mode"), "mode"));
        Kind kind = choice(Kind.class, text(json, "kind"), "kind");
        if (kind == null) {
            throw new DomainRuleViolation("kind is required: pattern, phrases or conditions");
        }
        return new RuleDefinition(info, text(json, "tenantId"), kind, text(json, "pattern"),
                choice(PatternRule.Target.class, text(json, "target"), "target"), texts(json, "phrases"),
                json.containsKey("minimumHits") ? whole(json, "minimumHits") : 1, conditions(json));
    }

    /** The rule the gateway runs. @throws DomainRuleViolation when it could not run */
    public Rule compile() {
        return switch (kind) {
            case PATTERN -> {
                if (pattern != null && pattern.length() > MAX_PATTERN) {
                    throw new DomainRuleViolation("a pattern is at most " + MAX_PATTERN + " characters");
                }
                yield PatternRule.of(info, target, pattern);
            }
            case PHRASES -> {
                if (phrases.size() > MAX_PHRASES) {
                    throw new DomainRuleViolation("a rule has at most " + MAX_PHRASES + " phrases");
                }
                yield PhraseRule.of(info, phrases, minimumHits);
            }
            case CONDITIONS -> {
                if (conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
                    throw new DomainRuleViolation("a conditions rule needs 1 to " + MAX_CONDITIONS + " conditions");
                }
                yield ConditionRule.of(info, request -> {
                    for (Condition condition : conditions) {
                        if (!condition.holdsFor(request)) {
                            return null;
                        }
                    }
                    return String.join(", ", conditions.stream().map(c -> c.evidence(request)).toList());
                });
            }
        };
    }

    /** As stored and exported; {@link #fromJson} reads it back to an equal definition. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", info.id())
                .add("name", info.name())
                .add("description", info.description())
                .add("category", info.category())
                .add("severity", lower(info.severity()))
                .add("mode", lower(info.mode()))
                .add("kind", lower(kind));
        if (tenantId != null) {
            json.add("tenantId", tenantId);
        }
        switch (kind) {
            case PATTERN -> json.add("pattern", pattern).add("target", lower(target == null
                    ? PatternRule.Target.ALL_TEXT : target));
            case PHRASES -> json.add("phrases", JSON.createArrayBuilder(phrases)).add("minimumHits", minimumHits);
            case CONDITIONS -> {
                var list = JSON.createArrayBuilder();
                conditions.forEach(c -> list.add(JSON.createObjectBuilder().add("field", c.field().jsonName())
                        .add("operator", c.operator().symbol()).add("value", c.value())));
                json.add("conditions", list);
            }
        }
        return json.build();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainRuleViolation(field + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(RuleDefinition::lower).toList() + ", got '" + value + "'");
        }
    }

    private static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new DomainRuleViolation(field + " must be a string");
    }

    private static int whole(JsonObject json, String field) {
        if (json.get(field) instanceof JsonNumber number && number.isIntegral()) {
            return number.intValue();
        }
        throw new DomainRuleViolation(field + " must be a whole number");
    }

    private static List<String> texts(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new DomainRuleViolation(field + " must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string)) {
                throw new DomainRuleViolation(field + " must be a list of strings");
            }
            texts.add(string.getString());
        }
        return texts;
    }

    private static List<Condition> conditions(JsonObject json) {
        JsonValue value = json.get("conditions");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new DomainRuleViolation("conditions must be a list of {field, operator, value}");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject condition)) {
                throw new DomainRuleViolation("conditions must be a list of {field, operator, value}");
            }
            JsonValue operand = condition.get("value");
            String shown = operand instanceof JsonString string ? string.getString()
                    : operand instanceof JsonNumber number ? number.toString()
                    : operand == JsonValue.TRUE || operand == JsonValue.FALSE ? operand.toString() : null;
            conditions.add(Condition.of(text(condition, "field"), text(condition, "operator"), shown));
        }
        return conditions;
    }
}
