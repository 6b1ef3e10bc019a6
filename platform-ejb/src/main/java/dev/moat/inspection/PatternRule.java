package dev.moat.inspection;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.moat.domain.DomainRuleViolation;
import java.util.List;
import java.util.Optional;

/**
 * Fires when a regular expression matches the normalized text. Patterns run on RE2/J, whose matching time is
 * linear in the text, so no pattern can make the gateway hang; text is case-folded, so patterns are written in
 * lower case. A rule may name anchors, words its pattern cannot match without: then the pattern runs only on
 * windows around the first anchors found, which keeps long prompts cheap (linear is not free on 1 MiB).
 */
public record PatternRule(RuleInfo info, Target target, String pattern, Pattern compiled, List<String> anchors,
                          int window) implements Rule {

    /** Which text the pattern looks at. */
    public enum Target { ALL_TEXT, USER_TEXT, SYSTEM_PROMPT }

    private static final int EVIDENCE = 160;
    private static final int MAX_ANCHOR_HITS = 8;

    /** @throws DomainRuleViolation naming where the pattern is invalid */
    public static PatternRule of(RuleInfo info, Target target, String pattern) {
        return of(info, target, pattern, List.of(), 0);
    }

    /**
     * A pattern that runs only within {@code window} characters either side of an anchor.
     *
     * @throws DomainRuleViolation naming where the pattern is invalid
     */
    public static PatternRule of(RuleInfo info, Target target, String pattern, List<String> anchors, int window) {
        try {
            return new PatternRule(info, target == null ? Target.ALL_TEXT : target, pattern, Pattern.compile(pattern),
                    List.copyOf(anchors), window);
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
        if (anchors.isEmpty()) {
            return matchIn(text);
        }
        int hits = 0;
        for (String anchor : anchors) {
            for (int at = text.indexOf(anchor); at >= 0 && hits < MAX_ANCHOR_HITS; at = text.indexOf(anchor, at + 1)) {
                hits++;
                Optional<Finding> found = matchIn(text.substring(Math.max(0, at - window),
                        Math.min(text.length(), at + anchor.length() + window)));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> matchIn(String text) {
        Matcher matcher = compiled.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String match = matcher.group();
        return Optional.of(finding("matched \"" + (match.length() <= EVIDENCE ? match : match.substring(0, EVIDENCE) + "…")
                + "\""));
    }
}
