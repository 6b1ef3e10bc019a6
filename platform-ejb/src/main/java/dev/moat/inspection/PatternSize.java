package dev.moat.inspection;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many steps a regular expression expands to once its counted repetitions are written out, roughly what RE2/J
 * compiles it to. Matching is linear in the text but also in this size (RE2/J follows up to one thread per step
 * at each character), so {@code (?:a{1000}){1000}} is a million steps per character of a 1 MiB prompt. Each
 * literal, escape or character class counts one step, as does each character quoted by {@code \Q…\E}; a group
 * counts what it holds; {@code {n,m}} multiplies its atom by the larger bound; {@code * + ?} add one. An estimate
 * that errs high, read before RE2/J compiles.
 */
final class PatternSize {

    /** Far above any limit, and far from overflowing: sizes stop growing here. */
    static final long CEILING = 1L << 40;

    private PatternSize() {
    }

    /** The expanded size, and the position (the end of a repetition, mostly) where it first passed the limit, or -1. */
    record Size(long steps, int passedLimitAt) {
    }

    static Size of(String pattern, long limit) {
        Deque<Long> enclosing = new ArrayDeque<>(); // per open group: the steps before it in its own group
        long outside = 0; // their sum
        long total = 0; // in the innermost open group
        long lastAtom = 0;
        int passedAt = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (pattern.startsWith("\\Q", i)) { // literal text up to \E: a step per character
                        int end = pattern.indexOf("\\E", i + 2);
                        int literalEnd = end < 0 ? pattern.length() : end;
                        total += Math.max(0, literalEnd - (i + 2));
                        lastAtom = literalEnd > i + 2 ? 1 : 0;
                        i = end < 0 ? pattern.length() - 1 : end + 1;
                    } else {
                        i = endOfEscape(pattern, i);
                        lastAtom = 1;
                        total++;
                    }
                }
                case '[' -> {
                    i = endOfClass(pattern, i);
                    lastAtom = 1;
                    total++;
                }
                case '(' -> {
                    int flagsEnd = pattern.startsWith("(?", i) ? endOfGroupFlags(pattern, i) : i;
                    if (flagsEnd > i && pattern.charAt(flagsEnd) == ')') {
                        i = flagsEnd; // "(?i)" sets flags and opens no group
                        continue;
                    }
                    i = flagsEnd;
                    enclosing.push(total);
                    outside += total;
                    total = 0;
                    lastAtom = 0;
                }
                case ')' -> {
                    lastAtom = total;
                    if (!enclosing.isEmpty()) {
                        long before = enclosing.pop();
                        outside -= before;
                        total += before;
                    }
                }
                case '*', '+', '?' -> {
                    lastAtom = 0; // "a+?" is one quantifier
                    total++;
                }
                case '{' -> {
                    int close = pattern.indexOf('}', i);
                    long count = close < 0 ? -1 : largestBound(pattern.substring(i + 1, close));
                    if (count < 0) {
                        lastAtom = 1; // a literal brace
                        total++;
                    } else {
                        total = Math.min(CEILING, total + Math.min(CEILING, lastAtom * (Math.max(count, 1) - 1)));
                        lastAtom = 0;
                        i = close;
                    }
                }
                case '|' -> lastAtom = 0;
                default -> {
                    lastAtom = 1;
                    total++;
                }
            }
            if (passedAt < 0 && outside + total > limit) {
                passedAt = i;
            }
        }
        return new Size(Math.min(CEILING, outside + total), passedAt);
    }

    /** The larger bound of "n", "n," or "n,m" (n + 1 for "n,"), or -1 where it is no repetition. */
    private static long largestBound(String bounds) {
        if (!bounds.matches("\\d{1,6}(,\\d{0,6})?")) {
            return -1;
        }
        int comma = bounds.indexOf(',');
        if (comma < 0) {
            return Long.parseLong(bounds);
        }
        String upper = bounds.substring(comma + 1);
        return upper.isEmpty() ? Long.parseLong(bounds.substring(0, comma)) + 1 : Long.parseLong(upper);
    }

    /** The ":" that ends "(?flags:" or "(?P<name>", or the ")" that ends "(?flags)". */
    private static int endOfGroupFlags(String pattern, int open) {
        for (int i = open + 2; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ':' || c == ')' || c == '>') {
                return i;
            }
        }
        return open;
    }

    private static int endOfEscape(String pattern, int backslash) {
        int next = backslash + 1;
        if (next + 1 < pattern.length() && "pPx".indexOf(pattern.charAt(next)) >= 0
                && pattern.charAt(next + 1) == '{') {
            int close = pattern.indexOf('}', next);
            return close < 0 ? pattern.length() - 1 : close;
        }
        return Math.min(next, pattern.length() - 1);
    }

    private static int endOfClass(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // "[]...]": the first ] is literal
        }
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = endOfEscape(pattern, i);
            } else if (c == '[' && pattern.startsWith("[:", i)) {
                int close = pattern.indexOf(":]", i);
                i = close < 0 ? i : close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return pattern.length() - 1;
    }
}
