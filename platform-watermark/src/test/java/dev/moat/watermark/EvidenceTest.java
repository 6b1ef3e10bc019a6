package dev.moat.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    private static LexicalKey key(long seed) {
        return WatermarkerTest.key(seed);
    }

    private static final String[] SYLLABLES = {"ba", "ko", "mi", "tu", "ze", "ra", "lo", "ni", "pe", "su"};
    private static final int CONTEXTS = SYLLABLES.length * SYLLABLES.length;
    private static final int WORDS_PER_CONTEXT = 10;

    /**
     * What a student model trained on a little watermarked text writes: the corpus's strong preference ("often"
     * nine times in ten after every word) with the key's variant one word in ten more frequent in each context. The
     * plain share of the key's variant scores this z 2.6 (nine tenths of every context's words say "often"
     * whatever the key picked); measured against the text's own preference it stands out.
     */
    @Test
    void a_faint_keyed_bias_over_a_strong_preference_stands_out() {
        LexicalKey key = key(1);
        Lexicon.Group group = Lexicon.standard().lookup("often").group();
        String biased = text(context -> {
            int pick = key.pick(key.hash(context, group), group);
            return group.forms()[pick][0].equals("often") ? 10 : 8;
        });
        Evidence evidence = Evidence.of(biased);
        assertEquals(CONTEXTS, evidence.positions());
        Evidence.Score own = evidence.score(key, null);
        assertTrue(own.z() >= 6, "own key: " + own);
        for (long other = 100; other < 140; other++) {
            Evidence.Score score = evidence.score(key(other), null);
            assertTrue(score.z() < 4, "key " + other + ": " + score);
        }
        Evidence.Score unbiased = Evidence.of(text(context -> 9)).score(key, null);
        assertTrue(unbiased.z() < 4, "the same preference everywhere: " + unbiased);
    }

    /**
     * The z-score's promise: over keys that did not mark the text, mean 0 and standard deviation 1, whatever the
     * text's preferences (here a different one in every context).
     */
    @Test
    void over_keys_that_did_not_mark_it_a_text_scores_mean_zero_and_unit_variance() {
        Random preferences = new Random(3);
        Evidence evidence = Evidence.of(text(context -> preferences.nextInt(WORDS_PER_CONTEXT + 1)));
        int keys = 2_000;
        double sum = 0;
        double sumOfSquares = 0;
        for (long seed = 0; seed < keys; seed++) {
            double z = evidence.score(key(1_000 + seed), null).z();
            sum += z;
            sumOfSquares += z * z;
        }
        double mean = sum / keys;
        double deviation = Math.sqrt(sumOfSquares / keys - mean * mean);
        assertEquals(0, mean, 0.1, "mean z");
        assertEquals(1, deviation, 0.1, "standard deviation of z");
    }

    /** One sentence per context word and occurrence, "often" as often as {@code oftens} says. */
    private static String text(ToIntFunction<String> oftens) {
        StringBuilder text = new StringBuilder();
        for (String first : SYLLABLES) {
            for (String second : SYLLABLES) {
                String context = first + second;
                int often = oftens.applyAsInt(context);
                for (int i = 0; i < WORDS_PER_CONTEXT; i++) {
                    text.append("Then ").append(context).append(i < often ? " often" : " frequently").append(" works. ");
                }
            }
        }
        return text.toString();
    }
}
