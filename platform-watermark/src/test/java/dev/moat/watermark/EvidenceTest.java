package dev.moat.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class EvidenceTest {

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

    private static LexicalKey key(long seed) {
        byte[] secret = new byte[32];
        new Random(seed).nextBytes(secret);
        return new LexicalKey(secret, 1.0);
    }
}
