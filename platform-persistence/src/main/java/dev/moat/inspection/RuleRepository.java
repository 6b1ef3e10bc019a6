package dev.moat.inspection;

import java.util.List;
import java.util.Optional;

/** Operator-authored rules and their history; used only by application services. */
public interface RuleRepository {

    void add(StoredRule rule);

    /** A rule, deleted or not. */
    Optional<StoredRule> find(String ruleId);

    /** Rules not deleted, ordered by id. */
    List<StoredRule> current();

    /** The ids of all rules ever stored, deleted ones included. */
    List<String> ids();

    void add(StoredRuleVersion version);

    /** A rule's versions, oldest first. */
    List<StoredRuleVersion> versions(String ruleId);
}
