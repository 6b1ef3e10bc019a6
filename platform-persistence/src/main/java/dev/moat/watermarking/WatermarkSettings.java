package dev.moat.watermarking;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.domain.DomainRuleViolation;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a tenant's answers carry: the lexical watermark (synonym choices; survives paraphrase and distillation),
 * the invisible mark (attributes verbatim copies; easy to strip), the lexical strength (per cent of positions
 * marked), and per-key overrides ({@code off}, {@code lexical}, {@code invisible} or {@code both}).
 */
public record WatermarkSettings(boolean lexical, boolean invisible, int strength, Map<String, Scheme> keyOverrides) {

    public static final WatermarkSettings OFF = new WatermarkSettings(false, false, 100, Map.of());

    public enum Scheme {
        OFF, LEXICAL, INVISIBLE, BOTH;

        public boolean lexical() {
            return this == LEXICAL || this == BOTH;
        }

        public boolean invisible() {
            return this == INVISIBLE || this == BOTH;
        }
    }

    public WatermarkSettings {
        strength = strength(strength);
        keyOverrides = Map.copyOf(keyOverrides == null ? Map.of() : keyOverrides);
        if (keyOverrides.size() > 500) {
            throw new DomainRuleViolation("at most 500 key overrides");
        }
    }

    /** A strength as requested (a whole number of any size), checked to be 1 to 100. */
    public static int strength(long perCent) {
        if (perCent < 1 || perCent > 100) {
            throw new DomainRuleViolation("strength is the per cent of word positions marked, 1 to 100; got " + perCent);
        }
        return (int) perCent;
    }

    public boolean lexicalFor(String keyId) {
        Scheme override = keyOverrides.get(keyId);
        return override == null ? lexical : override.lexical();
    }

    public boolean invisibleFor(String keyId) {
        Scheme override = keyOverrides.get(keyId);
        return override == null ? invisible : override.invisible();
    }

    /** Whether any key of the tenant may get watermarked answers (so a secret is needed). */
    public boolean anyOn() {
        return lexical || invisible || keyOverrides.values().stream().anyMatch(s -> s != Scheme.OFF);
    }

    public static String overridesJson(Map<String, Scheme> overrides) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        new TreeMap<>(overrides).forEach((key, scheme) -> json.add(key, scheme.name().toLowerCase()));
        return json.build().toString();
    }

    public static Map<String, Scheme> overridesOf(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, Scheme> overrides = new TreeMap<>();
            object.forEach((key, value) -> overrides.put(key,
                    Scheme.valueOf(((JsonString) value).getString().toUpperCase())));
            return overrides;
        }
    }
}
