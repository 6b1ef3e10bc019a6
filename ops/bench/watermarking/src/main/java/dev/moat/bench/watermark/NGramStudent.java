package dev.moat.bench.watermark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small "student" language model: an interpolated trigram model over whitespace tokens, trained on a corpus
 * and sampled from. It learns a watermark only as far as its training counts carry the keyed choices, which is
 * the effect the benchmark measures.
 */
final class NGramStudent {

    private static final String START = "<s>";
    private static final String END = "</s>";
    private static final double TRIGRAM_WEIGHT = 0.7;
    private static final double BIGRAM_WEIGHT = 0.25;

    private final Map<String, List<String>> afterTwo = new HashMap<>();
    private final Map<String, List<String>> afterOne = new HashMap<>();
    private final List<String> unigrams = new ArrayList<>();

    NGramStudent(List<String> texts) {
        for (String text : texts) {
            String first = START;
            String second = START;
            for (String token : tokens(text)) {
                add(first, second, token);
                first = second;
                second = token;
            }
            add(first, second, END);
        }
    }

    private void add(String first, String second, String next) {
        afterTwo.computeIfAbsent(first + ' ' + second, k -> new ArrayList<>()).add(next);
        afterOne.computeIfAbsent(second, k -> new ArrayList<>()).add(next);
        unigrams.add(next);
    }

    /** About {@code tokens} tokens of generated text, answers separated by blank lines. */
    String generate(int tokens, Random random) {
        StringBuilder text = new StringBuilder();
        int written = 0;
        while (written < tokens) {
            String first = START;
            String second = START;
            for (int i = 0; i < 400; i++) {
                String next = sample(first, second, random);
                if (next.equals(END)) {
                    break;
                }
                text.append(next).append(' ');
                written++;
                first = second;
                second = next;
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    private String sample(String first, String second, Random random) {
        double order = random.nextDouble();
        List<String> candidates = null;
        if (order < TRIGRAM_WEIGHT) {
            candidates = afterTwo.get(first + ' ' + second);
        }
        if (candidates == null && order < TRIGRAM_WEIGHT + BIGRAM_WEIGHT) {
            candidates = afterOne.get(second);
        }
        if (candidates == null) {
            candidates = unigrams;
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    static String[] tokens(String text) {
        return text.strip().split("\\s+");
    }
}
