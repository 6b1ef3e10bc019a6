package dev.moat.inspection;

import dev.moat.domain.DomainRuleViolation;
import java.util.regex.Pattern;

/** What every rule has: a stable id, a name, a description, a category, a severity and a mode. */
public record RuleInfo(String id, String name, String description, String category, Rule.Severity severity,
                       Rule.Mode mode) {

    private static final Pattern ID = Pattern.compile("[A-Z]{2,8}-[0-9]{1,6}");

    public RuleInfo {
        if (id == null || !ID.matcher(id).matches()) {
            throw new DomainRuleViolation("a rule id looks like DST-100 (letters, a dash, digits), got '" + id + "'");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new DomainRuleViolation("a rule needs a name of 1 to 200 characters");
        }
        description = description == null ? "" : description;
        category = category == null || category.isBlank() ? "custom" : category.strip();
        severity = severity == null ? Rule.Severity.WARNING : severity;
        mode = mode == null ? Rule.Mode.ENFORCE : mode;
    }
}
