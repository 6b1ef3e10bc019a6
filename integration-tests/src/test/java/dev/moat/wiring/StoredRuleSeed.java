package dev.moat.wiring;

import dev.moat.inspection.RuleDefinition;
import dev.moat.inspection.RuleRepository;
import dev.moat.inspection.RuleService;
import dev.moat.inspection.StoredRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Stores an enabled rule as an operator would, without an operator: the wiring tests have no signed-in caller,
 * which {@link RuleService} asks for. The gateway's rule sets reload when the transaction commits.
 */
@ApplicationScoped
@Transactional
public class StoredRuleSeed {

    @Inject
    RuleRepository rules;

    @Inject
    Event<RuleService.RulesChanged> changes;

    public void storeEnabled(String ruleId, JsonObject definition) {
        String json = RuleDefinition.fromJson(definition, ruleId).toJson().toString();
        StoredRule rule = new StoredRule(ruleId, null, json, true, Instant.now(), "wiring-test");
        rules.add(rule);
        rules.add(rule.versionAfter("created"));
        changes.fire(new RuleService.RulesChanged());
    }
}
