package dev.moat.inspection;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.moat.domain.DomainRuleViolation;
import java.util.Optional;

/**
 * Fires when a regular expression matches the normalized text. Patterns run on RE2/J, whose matching time is
 * linear in the text, so no pattern can make the gateway hang; text is case-folded, so patterns are written in
 * lower case.
 */
public record PatternRule(RuleInfo info, Target target, String pattern, Pattern compiled) implements Rule {

    /** Which text the pattern looks at. */
    public enum Target { ALL_TEXT, USER_TEXT, SYSTEM_PROMPT }

    private static final int EVIDENCE = 160;

    /** @throws DomainRuleViolation naming where the pattern is invalid */
    public static PatternRule of(RuleInfo info, Target target, String pattern) {
        try {
            return new PatternRule(info, target == null ? Target.ALL_TEXT : target, pattern, Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new DomainRuleViolation("rule " + info.id() + ": invalid pattern: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at position " + e.getIndex() : "") + " in '" + e.getPattern() + "'");
        } catch (NullPointerException e) {
            throw new DomainRuleViolation("rule " + info.id() + " needs a pattern");
        }
    }

    @Override
    public Optional<Finding> evaluate(RequestContext request) {
        String text = switch (target) {
            case ALL_TEXT -> request.text();
            case USER_TEXT -> request.userText();
            case SYSTEM_PROMPT -> request.systemPrompt();
        };
        Matcher matcher = compiled.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String match = matcher.group();
        return Optional.of(finding("matched \"" + (match.length() <= EVIDENCE ? match : match.substring(0, EVIDENCE) + "…")
                + "\""));
    }
}
