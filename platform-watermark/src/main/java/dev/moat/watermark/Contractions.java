package dev.moat.watermark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Contractions the lexical watermark may write either way: "don't" or "do not", "I'm" or "I am". Each is a
 * two-variant group like the lexicon's, and far more frequent in answers than most synonyms. Only where both
 * forms are grammatical: a negation after its subject ("you don't", never the question "why don't you"), and a
 * pronoun with am/are after another word of the sentence and before a space ("so I'm here", never the
 * clause-final "yes, I am"). "'s", "'d" and "'ve" are left out: they stand for more than one word.
 */
final class Contractions {

    static final int CONTRACTED = 0;
    static final int EXPANDED = 1;

    /** Words after which a negated auxiliary is a statement or a request, not a question. */
    private static final Set<String> SUBJECTS = Set.of("i", "you", "we", "they", "he", "she", "it", "this",
            "that", "there", "who", "which", "people", "please");
    /** Where "you are not" is a pronoun's contraction ("you're not"), not a negation's ("you aren't"). */
    private static final Set<String> PRONOUNS_WITH_ARE = Set.of("you", "we", "they");

    /**
     * @param group  its two forms: the contraction with a typewriter apostrophe, and the expansion ("do not";
     *               "cannot" is one word)
     * @param first  the first word as written ("do", "I")
     * @param second the second word ("not", "am")
     */
    record Contraction(Lexicon.Group group, String first, String second, boolean ofPronoun) {

        /** A form as the text writes it: the contraction with the text's apostrophe. */
        String written(int variant, char apostrophe) {
            return group.forms()[variant][0].replace('\'', apostrophe);
        }
    }

    /** A single word that is one form of a contraction: "don't" (contracted) or "cannot" (expanded). */
    record Single(Contraction contraction, int variant) {
    }

    private static final Map<String, Single> SINGLES = new HashMap<>();
    private static final Map<String, Contraction> PAIRS = new HashMap<>();
    /** Each first word begins one two-word form. */
    private static final Map<String, Contraction> BY_FIRST_WORD = new HashMap<>();
    private static final LetterTrie TRIE;

    static {
        for (String auxiliary : List.of("do", "does", "did", "is", "are", "was", "were", "have", "has", "had",
                "would", "could", "should", "will", "can")) {
            String contracted = switch (auxiliary) {
                case "will" -> "won't";
                case "can" -> "can't";
                default -> auxiliary + "n't";
            };
            add(auxiliary, "not", contracted, auxiliary.equals("can") ? "cannot" : auxiliary + " not", false);
        }
        add("I", "am", "I'm", "I am", true);
        for (String pronoun : PRONOUNS_WITH_ARE) {
            add(pronoun, "are", pronoun + "'re", pronoun + " are", true);
        }
        List<String> held = new ArrayList<>();
        for (String word : BY_FIRST_WORD.keySet()) {
            held.add(word.toLowerCase(Locale.ROOT));
        }
        for (String word : SINGLES.keySet()) {
            held.add(word.toLowerCase(Locale.ROOT));
        }
        TRIE = new LetterTrie(held);
    }

    private static void add(String first, String second, String contracted, String expanded, boolean ofPronoun) {
        Lexicon.Group group = new Lexicon.Group(expanded + "|" + contracted, 'c', false,
                new String[][] {{contracted}, {expanded}});
        Contraction contraction = new Contraction(group, first, second, ofPronoun);
        PAIRS.put(contraction.first() + " " + contraction.second(), contraction);
        BY_FIRST_WORD.put(first, contraction);
        SINGLES.put(contracted, new Single(contraction, CONTRACTED));
        if (!expanded.contains(" ")) {
            SINGLES.put(expanded, new Single(contraction, EXPANDED));
        }
    }

    private Contractions() {
    }

    /** The contraction a word is one form of, as written (either apostrophe), or null. */
    static Single single(String word) {
        return SINGLES.get(word.replace('\u2019', '\''));
    }

    /** The contraction two words as written are the expansion of ("do", "not"), or null. */
    static Contraction pair(String first, String second) {
        return PAIRS.get(first + " " + second);
    }

    /** Whether a word as written may begin a contraction's two-word form after {@code context}. */
    static boolean mayBegin(String word, String context) {
        Contraction contraction = BY_FIRST_WORD.get(word);
        return contraction != null && licensed(contraction, context);
    }

    /** Every form that may be a contraction or begin one, for holding back a word while it streams in. */
    static LetterTrie trie() {
        return TRIE;
    }

    /**
     * Whether both forms fit after {@code context}, the word before (for a pronoun, the word before it); a
     * pronoun's form must also be followed by a space, checked by the walker.
     */
    static boolean licensed(Contraction contraction, String context) {
        if (contraction.ofPronoun()) {
            return !context.equals(TextWalker.BOUNDARY);
        }
        return SUBJECTS.contains(context)
                && !(contraction.first().equals("are") && PRONOUNS_WITH_ARE.contains(context));
    }
}
