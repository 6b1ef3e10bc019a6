package dev.moat.watermark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Contractions the lexical watermark may write either way: "don't" or "do not", "I'm" or "I am", "it's" or
 * "it is", "you'll" or "you will", "I'd" or "I would". Each is a two-variant group like the lexicon's, and far
 * more frequent in answers than most synonyms. Only where both forms are grammatical:
 * <ul>
 * <li>a negation after its subject ("you don't", never the question "why don't you");</li>
 * <li>a pronoun's auxiliary only before a word that shows the auxiliary is not left at a clause's end ("I'm
 * sure", never "yes, I am", "who you are in life" or "what it is and"), so the walker decides it on the next
 * word; "'s" only where it cannot stand for "has" ("it's a", never "it's been" or "it's also"), "'d" only
 * before a verb "would" takes and "had" cannot ("I'd like", never "I'd better" or "I'd done").</li>
 * </ul>
 * "'ve" and the possessive "'s" are left alone. A pronoun with "think" or "believe" is chosen the same way,
 * though no contraction: only before a word that begins the clause they take ("I think that", never "I think
 * about" nor "I believe you.").
 */
final class Contractions {

    static final int CONTRACTED = 0;
    static final int EXPANDED = 1;

    /** What the word after a pronoun's auxiliary must be for both forms to fit. */
    enum NextWord {
        /** A negation: decided at once, on the word before it. */
        NONE,
        /** Am, are, will: any word that does not leave the auxiliary at a clause's end. */
        ANY,
        /** "'s" as "is": neither a participle nor an adverb that may come before one, where it could be "has". */
        NOT_PARTICIPLE,
        /** "'d" as "would": a verb's base form that "had" cannot take. */
        BASE_VERB,
        /** "I think", "I believe": a word that begins the clause they take, not ending one ("I believe you."). */
        CLAUSE
    }

    /** Words after which a negated auxiliary is a statement or a request, not a question. */
    private static final Set<String> SUBJECTS = Set.of("i", "you", "we", "they", "he", "she", "it", "this",
            "that", "there", "who", "which", "people", "please");
    /** Where "you are not" is a pronoun's contraction ("you're not"), not a negation's ("you aren't"). */
    private static final Set<String> PRONOUNS_WITH_ARE = Set.of("you", "we", "they");
    /**
     * Words before a pronoun that leave its auxiliary at a clause's end ("what it is", "as they are") or make the
     * pronoun an object ("everyone around you will know" is no "around you'll").
     */
    private static final Set<String> STRANDING_CONTEXTS = Set.of("what", "who", "whom", "where", "how",
            "whatever", "wherever", "whoever", "whichever", "which", "why", "than", "as", "here", "there", "around",
            "with", "to", "for", "of", "about", "from", "by", "like", "near", "behind", "beside", "between", "among",
            "without", "against", "toward", "towards", "upon", "at", "on", "in", "into", "onto", "after", "before");
    /** Words after an auxiliary that may mean it ends its clause: "who you are in life", "what it is and". */
    private static final Set<String> STRANDING_FOLLOWERS = Set.of("i", "you", "he", "she", "it", "we", "they",
            "me", "him", "her", "us", "them", "and", "or", "but", "nor", "so", "because", "if", "when", "while",
            "that", "than", "as", "though", "although", "unless", "until", "whether", "where", "who", "which",
            "what", "how", "why", "in", "on", "at", "for", "with", "from", "of", "by", "about", "into", "to", "over",
            "under", "like", "after", "before", "around", "through", "without", "within", "against", "between",
            "during", "up", "down", "out", "off", "onto", "toward", "towards", "near", "now", "then", "today",
            "tomorrow", "yesterday", "here", "there", "again", "too", "either", "anymore", "yet");
    /** Participles "has" takes that do not end in -ed or -en, and adverbs that come between them. */
    private static final Set<String> HAS_FOLLOWERS = Set.of("not", "got", "had", "done", "gone", "made", "come",
            "become", "put", "set", "left", "lost", "kept", "found", "brought", "thought", "told", "said", "heard",
            "felt", "held", "built", "sent", "spent", "run", "begun", "grown", "shown", "won", "paid", "bought",
            "caught", "taught", "meant", "led", "let", "cut", "hit", "hurt", "shut", "read", "also", "always",
            "never", "just", "ever", "recently", "actually", "probably", "really", "certainly", "definitely", "only",
            "even", "still", "long", "clearly", "obviously", "finally", "likely", "apparently", "mostly", "usually",
            "often", "since", "already", "truly", "surely", "sometimes", "generally", "largely", "somehow");
    /**
     * Words before a pronoun after which "think" is no opinion "believe" can state: a question asking for one
     * ("what do you think he should do") or a verb making it an infinitive ("help you think this through").
     */
    private static final Set<String> NOT_BEFORE_BELIEVE = Set.of("do", "does", "did", "would", "will", "could",
            "can", "should", "help", "helps", "helped", "helping", "let", "lets", "make", "makes", "made", "making");
    /**
     * Words that begin the clause after "I think" or "I believe" ("I think that", "I believe it is"); not "I",
     * which often makes "think" a decision ("I think I'll go").
     */
    private static final Set<String> CLAUSE_STARTS = Set.of("that", "it", "you", "he", "she", "we", "they",
            "there", "this", "these", "those", "the", "a", "an", "so", "not", "your", "my", "his", "her", "our",
            "their", "some", "most", "many", "all", "both", "people");
    /** Words that begin a plural, where "there's" is speech but "there is" a mistake ("there's two ways"). */
    private static final Set<String> PLURAL_QUANTITIES = Set.of("two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "several", "many", "lots", "multiple", "few", "various", "numerous", "plenty",
            "tons", "both");
    /** Verbs whose base form follows "would" and never "had". */
    private static final Set<String> WOULD_VERBS = Set.of("like", "love", "be", "need", "have", "recommend", "say",
            "suggest", "want", "expect", "appreciate", "prefer", "imagine", "rather", "think", "guess", "advise",
            "hate", "enjoy", "try", "get", "go", "do", "know", "feel", "find", "make", "use", "see", "ask", "keep",
            "consider", "agree", "argue");

    /**
     * @param group  its two forms in lower case: the contraction with a typewriter apostrophe, and the expansion
     *               ("do not"; "cannot" is one word)
     * @param first  the first word in lower case ("do", "i")
     * @param second the second word ("not", "am")
     */
    record Contraction(Lexicon.Group group, String first, String second, NextWord next) {

        /** Whether the next word decides it: a pronoun with its auxiliary, not a negation. */
        boolean ofPronoun() {
            return next != NextWord.NONE;
        }

        /** A form as the text writes it: the text's apostrophe, and the first letter's case of {@code like}. */
        String written(int variant, char apostrophe, String like) {
            String form = group.forms()[variant][0].replace('\'', apostrophe);
            char first = Character.isUpperCase(like.charAt(0)) ? Character.toUpperCase(form.charAt(0))
                    : Character.toLowerCase(form.charAt(0));
            return first + form.substring(1);
        }
    }

    /** A single word that is one form of a contraction: "don't" (contracted) or "cannot" (expanded). */
    record Single(Contraction contraction, int variant) {
    }

    private static final Map<String, Single> SINGLES = new HashMap<>();
    /** Two words as the text may write them ("do not", "i believe"), and the form of which group they are. */
    private static final Map<String, Single> PAIRS = new HashMap<>();
    /** The two-word forms each first word begins ("i": "i am", "i will", "i would"). */
    private static final Map<String, List<Contraction>> BY_FIRST_WORD = new HashMap<>();
    private static final LetterTrie TRIE;

    static {
        for (String auxiliary : List.of("do", "does", "did", "is", "are", "was", "were", "have", "has", "had",
                "would", "could", "should", "will", "can")) {
            String contracted = switch (auxiliary) {
                case "will" -> "won't";
                case "can" -> "can't";
                default -> auxiliary + "n't";
            };
            add(auxiliary, "not", contracted, auxiliary.equals("can") ? "cannot" : auxiliary + " not",
                    NextWord.NONE);
        }
        add("i", "am", "i'm", "i am", NextWord.ANY);
        for (String pronoun : PRONOUNS_WITH_ARE) {
            add(pronoun, "are", pronoun + "'re", pronoun + " are", NextWord.ANY);
        }
        for (String pronoun : List.of("i", "you", "we", "they", "he", "she")) {
            add(pronoun, "will", pronoun + "'ll", pronoun + " will", NextWord.ANY);
            add(pronoun, "would", pronoun + "'d", pronoun + " would", NextWord.BASE_VERB);
        }
        for (String pronoun : List.of("it", "he", "she", "that", "there", "here", "what", "who")) {
            add(pronoun, "is", pronoun + "'s", pronoun + " is", NextWord.NOT_PARTICIPLE);
        }
        for (String pronoun : List.of("i", "you", "we", "they", "he", "she")) {
            boolean third = pronoun.equals("he") || pronoun.equals("she");
            addVerbs(pronoun, third ? "thinks" : "think", third ? "believes" : "believe");
            addVerbs(pronoun, "thought", "believed");
        }
        List<String> held = new ArrayList<>(BY_FIRST_WORD.keySet());
        held.addAll(SINGLES.keySet());
        TRIE = new LetterTrie(held);
    }

    private static void add(String first, String second, String contracted, String expanded, NextWord next) {
        Lexicon.Group group = new Lexicon.Group(expanded + "|" + contracted, 'c', false,
                new String[][] {{contracted}, {expanded}});
        Contraction contraction = new Contraction(group, first, second, next);
        PAIRS.put(first + " " + second, new Single(contraction, EXPANDED));
        BY_FIRST_WORD.computeIfAbsent(first, f -> new ArrayList<>()).add(contraction);
        SINGLES.put(contracted, new Single(contraction, CONTRACTED));
        if (!expanded.contains(" ")) {
            SINGLES.put(expanded, new Single(contraction, EXPANDED));
        }
    }

    /**
     * A pronoun with either of two verbs ("I think", "I believe"): no contraction, but chosen the same way, on the
     * next word, with the first verb as the context of the word after it whichever is written.
     */
    private static void addVerbs(String pronoun, String verb, String alternative) {
        Lexicon.Group group = new Lexicon.Group(pronoun + " " + alternative + "|" + pronoun + " " + verb, 'c', false,
                new String[][] {{pronoun + " " + verb}, {pronoun + " " + alternative}});
        Contraction choice = new Contraction(group, pronoun, verb, NextWord.CLAUSE);
        PAIRS.put(pronoun + " " + verb, new Single(choice, 0));
        PAIRS.put(pronoun + " " + alternative, new Single(choice, 1));
        BY_FIRST_WORD.computeIfAbsent(pronoun, f -> new ArrayList<>()).add(choice);
    }

    private Contractions() {
    }

    /** The contraction a word is one form of, as written (either apostrophe, a capital first letter), or null. */
    static Single single(String word) {
        for (int i = 1; i < word.length(); i++) {
            if (Character.isUpperCase(word.charAt(i))) {
                return null; // "I'M": shouting, not a form to rewrite
            }
        }
        return SINGLES.get(word.replace('\u2019', '\'').toLowerCase(Locale.ROOT));
    }

    /** The contraction two words as written are a form of ("do", "not"; "It", "is"; "I", "believe"), or null. */
    static Single pair(String first, String second) {
        return PAIRS.get(first.toLowerCase(Locale.ROOT) + " " + second);
    }

    /** Whether a word as written may begin a contraction's two-word form after {@code context}. */
    static boolean mayBegin(String word, String context) {
        List<Contraction> contractions = BY_FIRST_WORD.get(word.toLowerCase(Locale.ROOT));
        if (contractions != null) {
            for (Contraction contraction : contractions) {
                if (licensed(contraction, context)) {
                    return true;
                }
            }
        }
        return false;
    }


    /** Every form that may be a contraction or begin one, for holding back a word while it streams in. */
    static LetterTrie trie() {
        return TRIE;
    }

    /**
     * Whether both forms fit after {@code context}, the word before (for a pronoun, the word before it); a
     * pronoun's form must also be followed by a space and a word that {@link #fitsBefore} it.
     */
    static boolean licensed(Contraction contraction, String context) {
        if (contraction.ofPronoun()) {
            return !STRANDING_CONTEXTS.contains(context)
                    && !(contraction.next() == NextWord.CLAUSE && NOT_BEFORE_BELIEVE.contains(context));
        }
        return SUBJECTS.contains(context)
                && !(contraction.first().equals("are") && PRONOUNS_WITH_ARE.contains(context));
    }

    /**
     * Whether both forms of a pronoun's contraction fit before the next word (lower case, letters only), which
     * {@code endsClause} when punctuation follows it.
     */
    static boolean fitsBefore(Contraction contraction, String next, boolean endsClause) {
        return switch (contraction.next()) {
            case NONE -> false;
            // "I'll not" would be "I won't"
            case ANY -> !STRANDING_FOLLOWERS.contains(next) && !(next.equals("not") && contraction.second().equals(
                    "will"));
            case NOT_PARTICIPLE -> !STRANDING_FOLLOWERS.contains(next) && !HAS_FOLLOWERS.contains(next)
                    && !next.endsWith("ed") && !next.endsWith("en")
                    && !(contraction.first().equals("there") && PLURAL_QUANTITIES.contains(next));
            case BASE_VERB -> WOULD_VERBS.contains(next); // verbs only, so never a stranding "like"
            case CLAUSE -> CLAUSE_STARTS.contains(next) && !endsClause;
        };
    }
}
