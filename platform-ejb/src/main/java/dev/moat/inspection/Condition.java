package dev.moat.inspection;

import dev.moat.domain.DomainRuleViolation;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * One comparison of a request field with a value, as an operator writes it: {@code top_logprobs >= 5},
 * {@code model = gpt-x}, {@code system_prompt contains "training data"}. A condition rule fires when all of its
 * conditions hold.
 */
public record Condition(Field field, Operator operator, String value) {

    /** The request fields a condition can look at; numbers are absent (never match) when the request omits them. */
    public enum Field {
        MODEL("model", false, RequestContext::model),
        N("n", true, RequestContext::n),
        LOGPROBS("logprobs", false, request -> request.logprobs() ? "true" : "false"),
        TOP_LOGPROBS("top_logprobs", true, RequestContext::topLogprobs),
        TEMPERATURE("temperature", true, RequestContext::temperature),
        MAX_TOKENS("max_tokens", true, RequestContext::maxTokens),
        MESSAGES("messages", true, RequestContext::messageCount),
        SYSTEM_PROMPT("system_prompt", false, RequestContext::systemPrompt);

        final String jsonName;
        final boolean numeric;
        final Function<RequestContext, Object> read;

        Field(String jsonName, boolean numeric, Function<RequestContext, Object> read) {
            this.jsonName = jsonName;
            this.numeric = numeric;
            this.read = read;
        }

        public String jsonName() {
            return jsonName;
        }

        static Field named(String name) {
            return Arrays.stream(values()).filter(field -> field.jsonName.equals(name)).findFirst()
                    .orElseThrow(() -> new DomainRuleViolation("unknown condition field '" + name + "'; one of "
                            + Arrays.stream(values()).map(Field::jsonName).toList()));
        }
    }

    public enum Operator {
        EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="), CONTAINS("contains");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator of(String symbol) {
            return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst()
                    .orElseThrow(() -> new DomainRuleViolation("unknown condition operator '" + symbol + "'; one of "
                            + Arrays.stream(values()).map(Operator::symbol).toList()));
        }
    }

    public Condition {
        if (field == null || operator == null || value == null) {
            throw new DomainRuleViolation("a condition needs a field, an operator and a value");
        }
        if (field.numeric) {
            if (operator == Operator.CONTAINS) {
                throw new DomainRuleViolation("'contains' compares texts; " + field.jsonName + " is a number");
            }
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new DomainRuleViolation(field.jsonName + " is a number; '" + value + "' is not");
            }
        } else if (operator != Operator.EQ && operator != Operator.NE && operator != Operator.CONTAINS) {
            throw new DomainRuleViolation(field.jsonName + " is compared with =, != or contains");
        }
    }

    public static Condition of(String field, String operator, String value) {
        return new Condition(Field.named(field), Operator.of(operator), value);
    }

    /** Whether the request satisfies this condition; a field the request does not carry satisfies nothing. */
    public boolean holdsFor(RequestContext request) {
        Object actual = field.read.apply(request);
        if (actual == null) {
            return false;
        }
        if (field.numeric) {
            int compared = Double.compare(((Number) actual).doubleValue(), Double.parseDouble(value));
            return switch (operator) {
                case EQ -> compared == 0;
                case NE -> compared != 0;
                case GT -> compared > 0;
                case GE -> compared >= 0;
                case LT -> compared < 0;
                case LE -> compared <= 0;
                case CONTAINS -> false;
            };
        }
        String text = actual.toString();
        return switch (operator) {
            case EQ -> text.equals(value);
            case NE -> !text.equals(value);
            case CONTAINS -> text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            default -> false;
        };
    }

    /** The evidence of a finding: the field's actual value against the condition. */
    public String evidence(RequestContext request) {
        Object actual = field.read.apply(request);
        String shown = actual == null ? "absent" : actual.toString();
        return this + " (was " + (shown.length() <= 60 ? shown : shown.substring(0, 60) + "…") + ")";
    }

    /** As an operator writes it: {@code top_logprobs >= 5}. */
    @Override
    public String toString() {
        return field.jsonName + " " + operator.symbol + " " + value;
    }
}
