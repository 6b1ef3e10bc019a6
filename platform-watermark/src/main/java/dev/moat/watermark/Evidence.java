package dev.moat.watermark;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * What a suspect text offers the lexical detector: every (context, synonym group) it contains, with how often
 * each variant was written there. Read once per text, then scored against any number of keys.
 *
 * <p>The test: under "not watermarked by this key", the key's choice in each context is a fair draw among the
 * group's variants, independent of the text. So, per distinct context, the share of the key's variant among
 * the words written there has a known mean (1/k) and variance, whatever the text's own preferences (help is
 * more common than assist) and however often the context repeats (a repeated context repeats one draw, and is
 * counted once). The sum over contexts gives a z-score that is exact in its mean and variance, and close to
 * normal once there are a few dozen contexts.
 */
public final class Evidence {

    private final Map<Position, int[]> positions;

    private Evidence(Map<Position, int[]> positions) {
        this.positions = positions;
    }

    public static Evidence of(CharSequence text) {
        return of(List.of(text));
    }

    /** One body of evidence from many texts: a corpus of one suspect's outputs. */
    public static Evidence of(Collection<? extends CharSequence> texts) {
        return of(texts, done -> { });
    }

    /** The same, telling {@code textsRead} after each text (for progress on a large corpus). */
    public static Evidence of(Collection<? extends CharSequence> texts, IntConsumer textsRead) {
        Map<Position, int[]> positions = new HashMap<>();
        int read = 0;
        for (CharSequence text : texts) {
            TextWalker walker = new TextWalker(Lexicon.standard(), (context, group, found) -> {
                positions.computeIfAbsent(new Position(context, group), p -> new int[group.variants()])[found]++;
                return found;
            });
            walker.accept(withoutMarks(text));
            walker.finish();
            textsRead.accept(++read);
        }
        return new Evidence(positions);
    }

    /** Distinct (context, group) positions in the text. */
    public int positions() {
        return positions.size();
    }

    /** The text scored against one key; with {@code knownTags}, only at positions that key marked in answers. */
    public Score score(LexicalKey key, Set<Integer> knownTags) {
        int scored = 0;
        double matches = 0;
        double expected = 0;
        double variance = 0;
        for (Map.Entry<Position, int[]> entry : positions.entrySet()) {
            Position position = entry.getKey();
            long hash = key.hash(position.context(), position.group());
            int pick = key.pick(hash, position.group());
            if (pick < 0 || knownTags != null && !knownTags.contains(LexicalKey.tag(hash))) {
                continue;
            }
            int[] counts = entry.getValue();
            int total = 0;
            for (int count : counts) {
                total += count;
            }
            double k = counts.length;
            double sumOfSquares = 0;
            for (int count : counts) {
                double share = (double) count / total;
                sumOfSquares += share * share;
            }
            scored++;
            matches += (double) counts[pick] / total;
            expected += 1 / k;
            variance += sumOfSquares / k - 1 / (k * k);
        }
        double z = variance > 0 ? (matches - expected) / Math.sqrt(variance) : 0;
        return new Score(scored, matches, expected, z, Normal.upperTail(z));
    }

    private static CharSequence withoutMarks(CharSequence text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (InvisibleMark.isMarkCharacter(c)) {
                if (clean == null) {
                    clean = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean;
    }

    /**
     * @param positions distinct positions scored
     * @param matches   positions where the text wrote the key's variant (a share of each where it varied)
     * @param expected  what an unwatermarked text would match on average
     * @param z         standard deviations above that
     * @param pValue    chance of a z this high without this key's watermark
     */
    public record Score(int positions, double matches, double expected, double z, double pValue) {
    }

    private record Position(String context, Lexicon.Group group) {
    }
}
