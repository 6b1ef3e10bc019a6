package dev.moat.inspection;

import java.util.Optional;
import java.util.function.Function;

/**
 * Fires on the request's fields rather than its text: {@code logprobs} with many alternatives, many samples per
 * prompt, sampling settings. The condition returns the evidence when it holds, or {@code null}.
 */
public record ConditionRule(RuleInfo info, Function<RequestContext, String> condition) implements Rule {

    public static ConditionRule of(RuleInfo info, Function<RequestContext, String> condition) {
        return new ConditionRule(info, condition);
    }

    @Override
    public Optional<Finding> evaluate(RequestContext request) {
        return Optional.ofNullable(condition.apply(request)).map(this::finding);
    }
}
