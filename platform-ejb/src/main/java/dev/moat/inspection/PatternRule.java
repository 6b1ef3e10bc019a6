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
    /**
     * Steps a pattern that reads the whole text may expand to ({@link PatternSize}). Matching costs up to ~11 ns
     * per step and character: at this limit, 3–5 s for a 1 MiB prompt in the worst case (measured with
     * "[\\p{L} ]{255}x" and "(?:.{0,50}){5}x"); ordinary patterns ("reveal.{0,200}reasoning") follow few steps at
     * a time and take a millisecond. Patterns with anchors read at most {@link #MAX_ANCHOR_HITS} windows and are
     * not limited.
     */
    static final int MAX_STEPS = 256;
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
        PatternSize.Size size = pattern == null ? null : PatternSize.of(pattern, MAX_STEPS);
        if (anchors.isEmpty() && size != null && size.steps() > MAX_STEPS) {
            String steps = size.steps() >= PatternSize.CEILING ? "over a trillion" : "about " + size.steps();
            throw new DomainRuleViolation("rule " + info.id() + ": pattern too large: its repetitions expand to "
                    + steps + " steps, at most " + MAX_STEPS + " are allowed (matching time grows with them); passed "
                    + "at position " + size.passedLimitAt() + " in '" + pattern + "'");
        }
        try {
            return new PatternRule(info, target == null ? Target.ALL_TEXT : target, pattern, Pattern.compile(pattern),
                    List.copyOf(anchors), window);
        } catch (PatternSyntaxException e) {
            throw new DomainRuleViolation("rule " + info.id() + ": invalid pattern: " + syntaxError(pattern, e));
        } catch (NullPointerException e) {
            throw new DomainRuleViolation("rule " + info.id() + " needs a pattern");
        }
    }

    /**
     * What is wrong and where. RE2/J names the offending part of the pattern but not its position (its index is
     * always -1), names the whole pattern for an unclosed group, and reports a stray ")" as an internal "stack
     * underflow": parentheses are therefore counted here.
     */
    static String syntaxError(String pattern, PatternSyntaxException e) {
        String description = e.getDescription();
        if (description.contains("internal error") || description.equals("missing closing )")) {
            Unbalanced unbalanced = unbalancedParenthesis(pattern);
            if (unbalanced != null) {
                return (unbalanced.stray() ? "unexpected ) at position " : "missing closing ) for the ( at position ")
                        + unbalanced.position() + " in '" + pattern + "'";
            }
        }
        String part = e.getPattern();
        // an unclosed class is named with the rest of the pattern; anything else by its first occurrence
        int at = description.startsWith("missing closing") && pattern.endsWith(part)
                ? pattern.length() - part.length() : pattern.indexOf(part);
        return description + (at >= 0 ? " at position " + at + " ('" + part + "')" : "") + " in '" + pattern + "'";
    }

    /** A stray ")" or an unclosed "(" at a position of the pattern. */
    private record Unbalanced(int position, boolean stray) {
    }

    /**
     * The first ")" that closes no group, else the first "(" left open, else null; escapes and character classes
     * do not count.
     */
    private static Unbalanced unbalancedParenthesis(String pattern) {
        int depth = 0;
        int firstOpen = -1;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                i += pattern.startsWith("^]", i + 1) ? 2 : pattern.startsWith("]", i + 1) ? 1 : 0; // "[]" is literal
            } else if (c == '(') {
                firstOpen = depth == 0 ? i : firstOpen;
                depth++;
            } else if (c == ')' && --depth < 0) {
                return new Unbalanced(i, true);
            }
        }
        return depth > 0 ? new Unbalanced(firstOpen, false) : null;
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
