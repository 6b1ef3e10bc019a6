package dev.moat.detection;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What behavioural detection keeps of one prompt instead of its text: hashes that find the same template in
 * other requests (its first and last eight words, and MinHash bands over word 3-shingles for near-duplicates),
 * and the hashes of its content words, to tell a focused workload from a sweep over topics.
 *
 * @param whole      hash of the whole prompt: the same question asked by two people is not a shared template
 * @param templates  hashes shared by prompts written from one template; empty for short prompts
 * @param topics     hashes of up to {@value #MAX_TOPIC_WORDS} distinct content words, sorted; 32 bits each, as
 *                   a window of them is kept for every key followed
 */
record PromptShape(long whole, long[] templates, int[] topics) {

    /** Shorter prompts say too little to link keys: "what is the capital of france" is everybody's. */
    static final int TEMPLATE_MIN_WORDS = 12;
    private static final int AFFIX_WORDS = 8;
    private static final int MAX_WORDS = 2_000;
    private static final int BANDS = 8;
    /** How many hashes {@link #templates()} holds for a prompt long enough to have any. */
    static final int TEMPLATE_HASHES = 2 + BANDS;
    private static final int ROWS = 4;
    private static final Hasher64 HASH = Hashing.komihash5_0();
    private static final SimilarityHashPolicy SHINGLES = SimilarityHashing.superMinHash(BANDS * ROWS, 16);
    static final int MAX_TOPIC_WORDS = 64;
    private static final Set<String> STOP_WORDS = Set.of("that", "this", "with", "from", "have", "what", "which",
            "when", "where", "your", "will", "would", "could", "should", "about", "there", "their", "they", "them",
            "then", "than", "into", "some", "more", "most", "also", "just", "like", "please", "make", "give", "write",
            "tell", "explain", "does", "were", "been", "being", "each", "only", "very", "here", "these", "those");
    private static final PromptShape EMPTY = new PromptShape(0, new long[0], new int[0]);

    static PromptShape of(String normalizedText) {
        List<String> words = words(normalizedText);
        if (words.isEmpty()) {
            return EMPTY;
        }
        int[] topics = words.stream().filter(word -> word.length() >= 4 && !STOP_WORDS.contains(word))
                .distinct().limit(MAX_TOPIC_WORDS).mapToInt(word -> (int) HASH.hashCharsToLong(word)).sorted()
                .toArray();
        long whole = HASH.hashCharsToLong(String.join(" ", words));
        if (words.size() < TEMPLATE_MIN_WORDS) {
            return new PromptShape(whole, new long[0], topics);
        }
        long[] templates = new long[TEMPLATE_HASHES];
        templates[0] = HASH.hashCharsToLong("prefix " + String.join(" ", words.subList(0, AFFIX_WORDS)));
        templates[1] = HASH.hashCharsToLong("suffix " + String.join(" ", words.subList(words.size() - AFFIX_WORDS,
                words.size())));
        long[] shingles = new long[words.size() - 2];
        for (int i = 0; i < shingles.length; i++) {
            shingles[i] = HASH.hashCharsToLong(words.get(i) + ' ' + words.get(i + 1) + ' ' + words.get(i + 2));
        }
        byte[] signature = SHINGLES.createHasher().compute(ElementHashProvider.ofValues(shingles));
        for (int band = 0; band < BANDS; band++) {
            long bandHash = band;
            for (int row = 0; row < ROWS; row++) {
                bandHash = bandHash * 0x9E3779B97F4A7C15L + SHINGLES.getComponent(signature, band * ROWS + row);
            }
            templates[2 + band] = HASH.hashLongToLong(bandHash);
        }
        return new PromptShape(whole, templates, topics);
    }


    /** Whether {@code templates[index]} is the first or last eight words (else a near-duplicate band). */
    static boolean isAffix(int index) {
        return index < 2;
    }

    /** Lower-case words (the text is normalized already), at most {@value #MAX_WORDS}: long prompts stay cheap. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length() && words.size() < MAX_WORDS; i++) {
            boolean inWord = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
        }
        return words;
    }
}
