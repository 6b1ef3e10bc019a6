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
 * group's variants, independent of the text. So any score a context gives each variant, computed from the text
 * alone, has a known mean and variance over that draw, however often the context repeats (a repeated context
 * repeats one draw, and is counted once). The sum over contexts gives a z-score exact in its mean and variance,
 * and close to normal once there are a few dozen contexts.
 *
 * <p>The score of a variant is how far its share in the context stands above the share the rest of the text gives
 * it in that group, in standard errors: a text that writes "often" nine times in ten tells little when it writes
 * "often" once more, and much when one context keeps writing "frequently". This removes the text's own preferences
 * (often is more common than frequently), the noise that buries a student model's faint learned bias; a text too
 * short to show a preference (one context per group) is scored as against an even split.
 */
public final class Evidence {

    /** Contexts of an even split added to each group's share from the rest of the text (shrinks thin evidence). */
    private static final double EVEN_CONTEXTS = 4;
    /**
     * Variance of a context's share beyond counting noise: contexts differ in their preferences. Keeps a context
     * with one or two words from counting as a precise measurement.
     */
    private static final double CONTEXT_VARIANCE = 0.03;

    /** Every position with what a key's choice there would score; all of it depends on the text alone. */
    private final Map<Position, Scores> positions = new HashMap<>();

    /**
     * At one position: each variant's share of the words written there, its score minus the mean score (what the
     * key's choice of it adds to the sum), and the variance of that over a fair draw.
     */
    private record Scores(double[] shares, double[] excess, double variance) {
    }

    private Evidence(Map<Position, int[]> counted) {
        Map<Lexicon.Group, double[]> groupShares = new HashMap<>(); // per group: summed shares, then contexts
        for (Map.Entry<Position, int[]> entry : counted.entrySet()) {
            int[] counts = entry.getValue();
            double[] sums = groupShares.computeIfAbsent(entry.getKey().group(), g -> new double[counts.length + 1]);
            int total = total(counts);
            for (int v = 0; v < counts.length; v++) {
                sums[v] += (double) counts[v] / total;
            }
            sums[counts.length]++;
        }
        counted.forEach((position, counts) -> positions.put(position,
                scores(counts, groupShares.get(position.group()))));
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
        Map<Position, int[]> counted = new HashMap<>();
        int read = 0;
        for (CharSequence text : texts) {
            TextWalker walker = new TextWalker(Lexicon.standard(), (context, group, found) -> {
                counted.computeIfAbsent(new Position(context, group), p -> new int[group.variants()])[found]++;
                return found;
            });
            walker.accept(withoutMarks(text));
            walker.finish();
            textsRead.accept(++read);
        }
        return new Evidence(counted);
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
        double excess = 0;
        double variance = 0;
        for (Map.Entry<Position, Scores> entry : positions.entrySet()) {
            Position position = entry.getKey();
            long hash = key.hash(position.context(), position.group());
            int pick = key.pick(hash, position.group());
            if (pick < 0 || knownTags != null && !knownTags.contains(LexicalKey.tag(hash))) {
                continue;
            }
            Scores scores = entry.getValue();
            scored++;
            matches += scores.shares()[pick];
            expected += 1.0 / scores.shares().length;
            excess += scores.excess()[pick];
            variance += scores.variance();
        }
        double z = variance > 0 ? excess / Math.sqrt(variance) : 0;
        return new Score(scored, matches, expected, z, Normal.upperTail(z));
    }

    /**
     * One context's scores: each variant's share there against its share in the group's other contexts of the
     * text, the difference in standard errors (counting noise over the context's words, plus
     * {@link #CONTEXT_VARIANCE}).
     */
    private static Scores scores(int[] counts, double[] groupSums) {
        int k = counts.length;
        int total = total(counts);
        double otherContexts = groupSums[k] - 1;
        double[] shares = new double[k];
        double[] excess = new double[k];
        double mean = 0;
        double meanOfSquares = 0;
        for (int v = 0; v < k; v++) {
            shares[v] = (double) counts[v] / total;
            double elsewhere = (groupSums[v] - shares[v] + EVEN_CONTEXTS / k) / (otherContexts + EVEN_CONTEXTS);
            excess[v] = (shares[v] - elsewhere) / Math.sqrt(elsewhere * (1 - elsewhere) / total + CONTEXT_VARIANCE);
            mean += excess[v] / k;
            meanOfSquares += excess[v] * excess[v] / k;
        }
        for (int v = 0; v < k; v++) {
            excess[v] -= mean;
        }
        return new Scores(shares, excess, meanOfSquares - mean * mean);
    }

    private static int total(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
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
     * @param z         how far the key's variants stand out, in standard deviations of a fair draw (class comment)
     * @param pValue    chance of a z this high without this key's watermark
     */
    public record Score(int positions, double matches, double expected, double z, double pValue) {
    }

    private record Position(String context, Lexicon.Group group) {
    }
}
