package dev.moat.inspection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The rules in force and the test bench. For now the rule set is the built-in "distillation" pack; tenant rules,
 * operator-authored rules and their versions come with the rule store.
 */
@ApplicationScoped
public class InspectionService {

    private final List<Rule> rules = DistillationRules.pack();

    public List<Rule> rules() {
        return rules;
    }

    /** The gateway's inspection of one request with every rule in force; pure and quick, no I/O. */
    public Verdict inspect(RequestContext request) {
        return Inspector.inspect(request, rules);
    }

    /** Runs the whole set, or only the named rules, over a request and shows every finding and the decision. */
    public Verdict test(RequestContext request, Set<String> onlyRules) {
        List<Rule> chosen = onlyRules == null || onlyRules.isEmpty() ? rules
                : rules.stream().filter(rule -> onlyRules.contains(rule.id())).toList();
        return Inspector.inspect(request, chosen);
    }
}
