package dev.moat.watermark;

import java.util.Locale;
import java.util.Set;

/**
 * Walks an answer word by word, in pieces as they stream in, and finds the positions where the lexical
 * watermark may choose a word: a lexicon word, written in lower case (or capitalised at a sentence start), not
 * inside a code block, inline code, a quotation, a URL or anything with digits or symbols, not a name, and
 * where the word before it confirms the part of speech of a word that could be two; and the {@link Contractions}
 * ("don't" or "do not"). Holds back only a word still being written that may become a lexicon word or a
 * contraction (its letters so far begin one), and the first word of a contraction's two-word form until the
 * next word shows whether it is one; everything else is passed on at once, so a stream's first token is not
 * delayed unless it may be swapped.
 *
 * <p>Both the marker and the detector walk with this class, so they agree on every position and its context.
 */
final class TextWalker {

    /** ASCII characters that make a token no plain word: digits and the symbols of code, paths and markup. */
    private static final boolean[] SYMBOLS = new boolean[128];

    static {
        for (char c : "0123456789/\\@#$%&+=<>{}[]|^'-".toCharArray()) {
            SYMBOLS[c] = true;
        }
    }

    /** Marks a word may open with (emphasis, a parenthesis) and close with, and those that end a sentence. */
    private static final String OPENING_MARKS = "(*_";
    private static final String CLOSING_MARKS = ".,;:!?)*_";
    private static final String SENTENCE_ENDS = ".!?:";

    /** The context of a word after a line break, punctuation or a non-word. */
    static final String BOUNDARY = "";
    /** A word longer than this is no lexicon word; it is passed on unchanged, not held back. */
    private static final int LONGEST_HELD_WORD = 48;

    private static final LetterTrie CONTRACTIONS = Contractions.trie();

    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "these", "those", "my",
            "your", "his", "her", "its", "our", "their", "some", "any", "each", "every", "no", "another", "such",
            "many", "several", "few", "more", "most", "all", "both", "one", "other", "what", "whose");
    private static final Set<String> SINGULAR_DETERMINERS = Set.of("a", "an", "this", "that", "each", "every",
            "another", "one");
    /** Words before a verb's base form ("to repair", "can repair"; never "is complete", where it is an adjective). */
    private static final Set<String> BEFORE_BASE_VERBS = Set.of("to", "can", "could", "will", "would", "may",
            "might", "shall", "should", "must", "i", "you", "we", "they", "not", "also", "often", "usually", "please",
            "did", "do", "does");
    private static final Set<String> BEFORE_THIRD_PERSON_VERBS = Set.of("he", "she", "it", "who", "which", "also",
            "often", "usually", "that");
    private static final Set<String> BEFORE_PAST_VERBS = Set.of("has", "have", "had", "was", "were", "is", "are",
            "be", "been", "being", "i", "you", "we", "they", "he", "she", "it", "also");
    private static final Set<String> BEFORE_GERUNDS = Set.of("is", "are", "was", "were", "be", "been", "am", "by");
    /** Words before an adjective used only after a verb ("I'm sure", "not certain"; never "a certain"). */
    private static final Set<String> AFTER_COPULAS = Set.of("am", "is", "are", "was", "were", "be", "been", "being",
            "not", "seem", "seems", "seemed", "feel", "feels", "felt");
    private static final Set<String> BEFORE_ADJECTIVES = Set.of("very", "so", "too", "quite", "more", "most",
            "less", "least", "is", "are", "was", "were", "be", "been", "being", "seems", "seem", "a", "an", "the",
            "rather", "really", "extremely", "how", "as");

    /** What the walk does at each position: the marker picks a variant, the detector records what it sees. */
    interface Visitor {
        /** The variant to write where the text has {@code found} (return {@code found} to keep the word). */
        int choose(String context, Lexicon.Group group, int found);

        /** Text to insert after a space outside code and quotations, or null; {@code words} so far. */
        default String afterSpace(long words) {
            return null;
        }
    }

    private final Lexicon lexicon;
    private final Visitor visitor;
    /** Replaced after a word with a character beyond Latin-1, which would keep it in two-byte mode for good. */
    private StringBuilder word = new StringBuilder();
    /** The word being ended when it was taken whole ({@link #takeWhole}) instead of into {@link #word}. */
    private String wholeWord;
    private boolean wideWord;
    private final StringBuilder scratch = new StringBuilder();
    private boolean wordTooLong;
    /** How much of the word being written has been passed on already, because it cannot be a position. */
    private int passedOn;
    private static final int OPENING = 0;
    private static final int LETTERS = 1;
    private static final int CLOSING = 2;
    private int wordPhase = OPENING;
    private int trieState = LetterTrie.ROOT;
    private int contractionState = LetterTrie.ROOT;
    /**
     * Whether the word just ended is a whole form of the lexicon, or of the contractions, as the tries followed
     * it (meaningful only for a word that was held): most words then need no map lookup.
     */
    private boolean lexiconWord;
    private boolean contractionWord;
    /**
     * Held back with the space after it: the first word of what may be a contraction's two-word form ("do",
     * "It"), or a pronoun's contraction in either form ("it's", "It is") until the next word decides it.
     */
    private String pendingWord;
    private String pendingContext;
    private boolean pendingSpace;
    /** The pronoun's contraction {@link #pendingWord} is a form of (the form: {@link #heldForm}), or null. */
    private Contractions.Contraction heldContraction;
    private int heldForm;
    /** The apostrophe the text writes contractions with. */
    private char apostrophe = '\'';
    private boolean inFence;
    private boolean inCode;
    private boolean inQuote;
    /** Whether the line being read has had a word (of any length): a newline after none ends a paragraph. */
    private boolean lineHasWord;
    /** Whether the word being walked is the first of its line (and so perhaps of an answer). */
    private boolean wordBeginsLine = true;
    private boolean sentenceStart = true;
    /** The word before, as context; null while it is the plain word at {@link #plainFrom} of {@link #plainIn}. */
    private String previous = BOUNDARY;
    private CharSequence plainIn;
    private int plainFrom;
    private int plainTo;
    private long words;

    TextWalker(Lexicon lexicon, Visitor visitor) {
        this.lexicon = lexicon;
        this.visitor = visitor;
    }

    /** Takes the next piece of text; returns what can be passed on now (all but an unfinished word). */
    String accept(CharSequence piece) {
        StringBuilder out = new StringBuilder(piece.length() + 16);
        int plainEnd;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (isWhitespace(c)) {
                endWord(out, c);
                if (c == '\n') {
                    if (!lineHasWord) {
                        endParagraph();
                    }
                    lineHasWord = false;
                }
                if (pendingWord != null && !pendingSpace && c == ' ') {
                    pendingSpace = true;
                    continue;
                }
                flushPending(out);
                out.append(c);
                if (c == '\n') {
                    sentenceStart = true;
                    previous = BOUNDARY;
                } else if (!inFence && !inCode && !inQuote) {
                    String insert = visitor.afterSpace(words);
                    if (insert != null) {
                        out.append(insert);
                    }
                }
            } else if (wordTooLong) {
                int end = wordEnd(piece, i);
                out.append(piece, i, end);
                i = end - 1;
            } else if (word.isEmpty() && (plainEnd = walkedPlainWord(piece, i, out)) > 0) {
                i = plainEnd - 1;
            } else if (word.isEmpty() && takeWhole(piece, i, out)) {
                i += wholeWord.length() - 1;
            } else {
                int end = passedOn > 0 ? wordEnd(piece, i) : i;
                if (end > i && word.length() + end - i <= LONGEST_HELD_WORD) {
                    for (int j = i; j < end; j++) { // the rest of a word passed on as it is, in one go
                        wideWord |= piece.charAt(j) > 0xFF;
                    }
                    word.append(piece, i, end);
                    out.append(piece, i, end);
                    passedOn += end - i;
                    i = end - 1;
                    continue;
                }
                word.append(c);
                wideWord |= c > 0xFF;
                if (word.length() > LONGEST_HELD_WORD) {
                    flushPending(out);
                    track(word); // keep code, quotation and sentence state right, but change nothing in it
                    out.append(word, passedOn, word.length());
                    clearWord();
                    passedOn = 0;
                    wordTooLong = true;
                    previous = BOUNDARY;
                } else if (passedOn > 0) {
                    out.append(c);
                    passedOn++;
                } else if (!mayBePosition(c) && pendingWord == null) { // followed even while held: see lexiconWord
                    out.append(word); // it stays as it is: no need to hold it back
                    passedOn = word.length();
                }
            }
        }
        previous(); // the piece may change once it is passed back
        return out.toString();
    }

    /**
     * Most words: letters only (the first perhaps a capital), perhaps closing punctuation, ending within the piece,
     * and neither a lexicon word nor a contraction nor a contraction's first word. Such a word is passed on as it
     * is and changes nothing but the sentence state and the context of the next word, so it is walked here in one
     * pass, without the copies and scans of {@link #walkWord}, which would leave all exactly as this does. Returns
     * where the word ends (at the whitespace after it), or 0 for any other word.
     */
    private int walkedPlainWord(CharSequence piece, int from, StringBuilder out) {
        if (pendingWord != null || inFence || inCode || inQuote) {
            return 0;
        }
        LetterTrie lexiconTrie = lexicon.trie();
        int lexiconState = LetterTrie.ROOT;
        int contractionState = LetterTrie.ROOT; // unlike mayBePosition, also for a text's first word: "cannot"
        int limit = Math.min(piece.length(), from + LONGEST_HELD_WORD + 1);
        int end = from;
        while (end < limit) {
            char c = piece.charAt(end);
            if (!(c >= 'a' && c <= 'z' || end == from && c >= 'A' && c <= 'Z')) {
                break;
            }
            lexiconState = lexiconTrie.next(lexiconState, c);
            contractionState = CONTRACTIONS.next(contractionState, c);
            end++;
        }
        if (end == from || lexiconTrie.endsAWord(lexiconState) || CONTRACTIONS.endsAWord(contractionState)) {
            return 0;
        }
        int coreEnd = end;
        while (end < limit && CLOSING_MARKS.indexOf(piece.charAt(end)) >= 0) {
            end++;
        }
        if (end == limit || !isWhitespace(piece.charAt(end))) {
            return 0; // cut off by the piece's end, too long to hold, or more than a plain word
        }
        out.append(piece, from, end);
        words++;
        wordBeginsLine = !lineHasWord;
        lineHasWord = true;
        sentenceStart = endsSentence(piece, coreEnd, end);
        if (coreEnd < end) {
            previous = BOUNDARY;
        } else { // copied only if the next word needs its context (see previous())
            previous = null;
            plainIn = piece;
            plainFrom = from;
            plainTo = coreEnd;
        }
        return end;
    }

    /** Whether a word whose letters end at {@code coreEnd} and its marks at {@code end} ends a sentence ("so."). */
    private static boolean endsSentence(CharSequence text, int coreEnd, int end) {
        return coreEnd < end && SENTENCE_ENDS.indexOf(text.charAt(end - 1)) >= 0;
    }

    /** The word before, in lower case: copied from the piece now if a plain word left it. */
    private String previous() {
        if (previous == null) {
            String core = plainIn.subSequence(plainFrom, plainTo).toString();
            previous = core.charAt(0) <= 'Z' ? core.toLowerCase(Locale.ROOT) : core;
            plainIn = null;
        }
        return previous;
    }

    /**
     * A word that ends within this piece, taken in one go rather than a character at a time: followed as
     * {@link #mayBePosition} would, and passed on at once if it cannot be a position. False (nothing taken) for a
     * word that the piece cuts off or that is too long to hold.
     */
    private boolean takeWhole(CharSequence piece, int from, StringBuilder out) {
        int end = wordEnd(piece, from);
        if (end == piece.length() || end - from > LONGEST_HELD_WORD) {
            return false;
        }
        String token = piece.subSequence(from, end).toString();
        for (int i = from; i < end; i++) {
            if (!mayBePosition(piece.charAt(i)) && pendingWord == null) {
                out.append(token);
                passedOn = token.length();
                break;
            }
        }
        wholeWord = token;
        return true;
    }

    /** Where the word at {@code from} ends in the piece: its next whitespace, or the piece's end. */
    private static int wordEnd(CharSequence piece, int from) {
        int end = from;
        while (end < piece.length() && !isWhitespace(piece.charAt(end))) {
            end++;
        }
        return end;
    }

    /** {@link Character#isWhitespace}, without its table lookup for ASCII. */
    private static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C';
        }
        return c >= 0x80 && Character.isWhitespace(c);
    }

    private void clearWord() {
        if (wideWord) {
            word = new StringBuilder();
            wideWord = false;
        } else {
            word.setLength(0);
        }
    }

    /** Whether the text so far ends outside code and quotations (where invisible characters are harmless). */
    boolean inProse() {
        return !inFence && !inCode && !inQuote;
    }

    /** The end of the text: passes on the held-back words. */
    String finish() {
        StringBuilder out = new StringBuilder(word.length() + 8);
        endWord(out, '\0');
        flushPending(out);
        return out.toString();
    }

    private void flushPending(StringBuilder out) {
        if (pendingWord != null) {
            out.append(pendingWord);
            if (pendingSpace) {
                out.append(' ');
            }
            pendingWord = null;
            pendingSpace = false;
            heldContraction = null;
        }
    }

    /** @param after the whitespace that ends the word, or 0 at the end of the text */
    private void endWord(StringBuilder out, char after) {
        lexiconWord = lexicon.trie().endsAWord(trieState);
        contractionWord = CONTRACTIONS.endsAWord(contractionState);
        wordPhase = OPENING;
        trieState = LetterTrie.ROOT;
        contractionState = LetterTrie.ROOT;
        if (wordTooLong) {
            wordTooLong = false;
            lineHasWord = true;
            return;
        }
        String token;
        if (wholeWord != null) {
            token = wholeWord;
            wholeWord = null;
        } else if (word.isEmpty()) {
            return;
        } else {
            token = word.toString();
            clearWord();
        }
        words++;
        wordBeginsLine = !lineHasWord;
        lineHasWord = true;
        if (passedOn > 0) { // passed on as it is: walk it for the state only
            scratch.setLength(0);
            walkWord(token, scratch, false, after);
            out.append(token, passedOn, token.length());
            passedOn = 0;
            return;
        }
        walkWord(token, out, true, after);
    }

    /**
     * A blank line ends a quotation or inline code left open, as Markdown ends inline code: one stray quote
     * mark must not hide the rest of a text from marker and detector alike. A quotation that runs on opens each
     * paragraph with a quote mark again; code fences do span blank lines.
     */
    private void endParagraph() {
        inQuote = false;
        inCode = false;
    }

    /**
     * Whether the word being written may still turn out to be a position (so it must be held back), following it
     * one character at a time: outside code and quotations, opening marks, then letters that stay on a path of
     * the lexicon's trie (or, after a word of the same sentence, of the contractions'), then only closing
     * punctuation after a whole word of either.
     */
    private boolean mayBePosition(char c) {
        if (inFence || inCode || inQuote) {
            return false;
        }
        switch (wordPhase) {
            case OPENING -> {
                if (OPENING_MARKS.indexOf(c) >= 0) {
                    return true;
                }
                wordPhase = LETTERS;
                trieState = lexicon.trie().next(LetterTrie.ROOT, c);
                contractionState = words == 0 ? -1 : CONTRACTIONS.next(LetterTrie.ROOT, c); // see walkedContraction
                return trieState >= 0 || contractionState >= 0;
            }
            case LETTERS -> {
                if (Character.isLetter(c) || c == '\'' || c == '\u2019') {
                    trieState = lexicon.trie().next(trieState, c);
                    contractionState = CONTRACTIONS.next(contractionState, c);
                    return trieState >= 0 || contractionState >= 0;
                }
                wordPhase = CLOSING;
                return (lexicon.trie().endsAWord(trieState) || CONTRACTIONS.endsAWord(contractionState))
                        && CLOSING_MARKS.indexOf(c) >= 0;
            }
            default -> {
                return CLOSING_MARKS.indexOf(c) >= 0;
            }
        }
    }

    /**
     * One whole word: updates the walk's state and writes it, chosen anew where it is a position and may be.
     * {@code after} is the whitespace after it (0 at the end of the text).
     */
    private void walkWord(String token, StringBuilder out, boolean mayChoose, char after) {
        boolean wasProtected = inFence || inCode || inQuote;
        boolean fence = token.startsWith("```") || token.startsWith("~~~");
        boolean symbols = track(token);
        if (wasProtected || fence) {
            flushPending(out);
            out.append(token);
            previous = BOUNDARY;
            return;
        }
        int start = 0;
        while (start < token.length() && OPENING_MARKS.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        int end = token.length();
        while (end > start && CLOSING_MARKS.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        String core = token.substring(start, end);
        if (heldContraction != null) {
            boolean endsClause = end < token.length() || after != ' ';
            resolveHeld(start == 0 && end > start ? core : null, endsClause, out);
        }
        if (symbols && core.indexOf('\u2019') > 0) {
            apostrophe = '\u2019'; // the text's own style ("it’s"), for the contractions the key writes
        }
        if (pendingWord != null) {
            if (start == 0 && completesPending(core, token, end, out, after)) {
                return;
            }
            flushPending(out);
        }
        // a contraction has an apostrophe (a symbol), or is "cannot"
        Contractions.Single single = symbols || core.length() == 6 ? Contractions.single(core) : null;
        if (start == end || symbols && single == null) {
            out.append(token); // punctuation or a list marker: the sentence start (if any) goes on
            previous = BOUNDARY;
            return;
        }
        boolean atSentenceStart = sentenceStart;
        sentenceStart = endsSentence(token, end, token.length());
        String context = start > 0 ? BOUNDARY : previous();
        if (walkedContraction(single, core, token, start, end, context, mayChoose, out, after)) {
            return;
        }
        Shape shape = Shape.of(core);
        if (shape == Shape.OTHER) {
            out.append(token);
            previous = BOUNDARY;
            return;
        }
        String lower = shape == Shape.LOWER ? core : core.toLowerCase(Locale.ROOT);
        String written = core;
        Lexicon.Form form = mayChoose && lexiconWord ? lexicon.lookup(lower) : null;
        if (form != null && (shape == Shape.LOWER || shape == Shape.CAPITALISED && atSentenceStart)
                && licensed(form, context)) {
            int chosen = visitor.choose(context, form.group(), form.variant());
            if (chosen != form.variant()) {
                String replacement = form.group().forms()[chosen][form.slot()];
                lower = replacement;
                written = shape == Shape.LOWER ? replacement
                        : Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
            }
        }
        out.append(token, 0, start).append(written).append(token, end, token.length());
        previous = end == token.length() ? lower : BOUNDARY;
    }

    /**
     * A word that is one form of a contraction ("don't", "cannot"), chosen anew where licensed (a pronoun's, such
     * as "it's", held back until the next word decides it); or the first word of a two-word form ("do" after
     * "you"), held back until the next word. False for any other word. Either way the word after a contraction
     * has its second word as context ("not", "am"), whichever form is written. Never a line's first word: a
     * stream's first token is not held back for a contraction, and a suspect text joins answers with line breaks,
     * so the detector must not find positions at a line's start that the marker, at an answer's start, left alone.
     */
    private boolean walkedContraction(Contractions.Single single, String core, String token, int start, int end,
            String context, boolean mayChoose, StringBuilder out, char after) {
        boolean mayHold = mayChoose && start == 0 && !wordBeginsLine;
        if (single != null) {
            Contractions.Contraction contraction = single.contraction();
            int found = single.variant();
            if (contraction.ofPronoun() && mayHold && fits(contraction, context, token, end, after)) {
                hold(core, context, contraction, found);
                return true;
            }
            int chosen = found;
            if (!contraction.ofPronoun() && mayChoose && fits(contraction, context, token, end, after)) {
                chosen = visitor.choose(context, contraction.group(), found);
            }
            out.append(token, 0, start).append(chosen == found ? core : contraction.written(chosen, apostrophe, core))
                    .append(token, end, token.length());
            previous = end == token.length() ? contraction.second() : BOUNDARY;
            return true;
        }
        if (mayHold && contractionWord && end == token.length() && after == ' '
                && Contractions.mayBegin(core, context)) {
            pendingWord = core;
            pendingContext = context;
            previous = core.toLowerCase(Locale.ROOT);
            return true;
        }
        return false;
    }

    /** The word after a held-back first word: writes the contraction when the two are one, else returns false. */
    private boolean completesPending(String core, String token, int end, StringBuilder out, char after) {
        Contractions.Single pair = Contractions.pair(pendingWord, core);
        if (pair == null || !pendingSpace || !fits(pair.contraction(), pendingContext, token, end, after)) {
            return false;
        }
        Contractions.Contraction contraction = pair.contraction();
        sentenceStart = false;
        if (contraction.ofPronoun()) {
            hold(pendingWord + ' ' + core, pendingContext, contraction, pair.variant());
            return true;
        }
        int chosen = visitor.choose(pendingContext, contraction.group(), Contractions.EXPANDED);
        out.append(chosen == Contractions.EXPANDED ? pendingWord + ' ' + core : contraction.written(chosen,
                apostrophe, pendingWord)).append(token, end, token.length());
        pendingWord = null;
        pendingSpace = false;
        sentenceStart = endsSentence(token, end, token.length());
        previous = end == token.length() ? contraction.second() : BOUNDARY;
        return true;
    }

    /** Holds back a pronoun's contraction, in the form the text has, until the next word decides it. */
    private void hold(String written, String context, Contractions.Contraction contraction, int form) {
        pendingWord = written;
        pendingContext = context;
        pendingSpace = false;
        heldContraction = contraction;
        heldForm = form;
        previous = contraction.second();
    }

    /**
     * Writes the held pronoun's contraction, chosen anew when the next word ({@code next} as written, or null
     * when it is no plain word) shows that both forms fit. Its context is the word before it or, at a sentence's
     * start, the word after it. The next word may itself be swapped, so it decides as its whole group would (a
     * lexicon word by every variant in its slot, named by the first; a contraction by its first word). Where the
     * choice is not made, "it is not" may still be "it isn't": the second word is held as a negation's first.
     */
    private void resolveHeld(String next, boolean endsClause, StringBuilder out) {
        Contractions.Contraction contraction = heldContraction;
        String written = pendingWord;
        String context = pendingContext;
        heldContraction = null;
        pendingWord = null;
        pendingSpace = false;
        String word = next == null ? null : firstWordOf(next);
        String decider = word == null ? null : asItsGroup(contraction, word, endsClause);
        if (decider != null) {
            String position = context.equals(BOUNDARY) ? "^" + decider : context;
            int chosen = visitor.choose(position, contraction.group(), heldForm);
            out.append(chosen == heldForm ? written : contraction.written(chosen, apostrophe, written)).append(' ');
            return;
        }
        int space = written.indexOf(' ');
        if (space > 0 && Contractions.mayBegin(contraction.second(), contraction.first())) {
            out.append(written, 0, space + 1);
            pendingWord = contraction.second();
            pendingContext = contraction.first();
            pendingSpace = true;
            return;
        }
        out.append(written).append(' ');
    }

    /**
     * Both forms fit here: licensed by the word before, no punctuation after ("no, you don't." written out reads as
     * emphasis), and a pronoun's form ends at a space, never a clause.
     */
    private static boolean fits(Contractions.Contraction contraction, String context, String token, int end,
            char after) {
        return Contractions.licensed(contraction, context) && end == token.length()
                && (!contraction.ofPronoun() || after == ' ');
    }

    /**
     * A word as a contraction's choice leaves it: its first word for a contraction ("that's" and "that" before
     * "is" alike: that; "can't", "cannot": can), else the word in lower case; null for no plain word.
     */
    private static String firstWordOf(String core) {
        Contractions.Single single = Contractions.single(core);
        if (single != null) {
            return single.contraction().first();
        }
        return Shape.of(core) == Shape.OTHER ? null : core.toLowerCase(Locale.ROOT);
    }

    /**
     * The next word as every swap would leave it: itself, or for a lexicon word its group's first variant in the
     * same slot; null when the contraction does not fit before it (for a lexicon word, before any variant).
     */
    private String asItsGroup(Contractions.Contraction contraction, String next, boolean endsClause) {
        Lexicon.Form form = lexicon.lookup(next);
        if (form == null) {
            return Contractions.fitsBefore(contraction, next, endsClause) ? next : null;
        }
        for (String[] variant : form.group().forms()) {
            if (!Contractions.fitsBefore(contraction, variant[form.slot()], endsClause)) {
                return null;
            }
        }
        return form.group().forms()[0][form.slot()];
    }

    /**
     * Updates the code and quotation state from a token; true when the token has characters that make it no
     * plain word (digits, symbols of code, URLs, paths or markup).
     */
    private boolean track(CharSequence token) {
        boolean symbols = false;
        int fences = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case '`' -> {
                    if (i + 2 < token.length() && token.charAt(i + 1) == '`' && token.charAt(i + 2) == '`') {
                        fences++;
                        i += 2;
                    } else {
                        inCode = !inCode;
                    }
                    symbols = true;
                }
                case '~' -> {
                    if (i == 0 && token.length() >= 3 && token.charAt(1) == '~' && token.charAt(2) == '~') {
                        fences++;
                        i += 2;
                    }
                    symbols = true;
                }
                case '"' -> {
                    inQuote = !inQuote;
                    symbols = true;
                }
                case '\u201C' -> {
                    inQuote = true;
                    symbols = true;
                }
                case '\u201D' -> {
                    inQuote = false;
                    symbols = true;
                }
                default -> symbols |= c < SYMBOLS.length ? SYMBOLS[c] : c == '\u2019' || Character.isDigit(c);
            }
        }
        if (fences % 2 == 1) {
            inFence = !inFence;
        }
        return symbols;
    }

    /** A word that is also another part of speech is swapped only where the word before calls for its own. */
    private static boolean licensed(Lexicon.Form form, String context) {
        Lexicon.Group group = form.group();
        if ((context.equals("a") || context.equals("an")) && !group.sameArticle()) {
            return false;
        }
        if (group.partOfSpeech() == 'r' && context.equals("not")) {
            return false; // "not exactly", "not nearly": idioms their synonyms do not share
        }
        if (!group.guarded()) {
            return true;
        }
        return switch (group.partOfSpeech()) {
            // "that" before a plural is a relative pronoun before a verb ("a show that features")
            case 'n' -> DETERMINERS.contains(context) && (form.slot() == 0 || !SINGULAR_DETERMINERS.contains(context));
            case 'v' -> switch (form.slot()) {
                case 0 -> BEFORE_BASE_VERBS.contains(context);
                case 1 -> BEFORE_THIRD_PERSON_VERBS.contains(context);
                case 2 -> BEFORE_PAST_VERBS.contains(context);
                default -> BEFORE_GERUNDS.contains(context);
            };
            case 'a' -> BEFORE_ADJECTIVES.contains(context);
            case 'q' -> AFTER_COPULAS.contains(context);
            default -> false;
        };
    }

    private enum Shape {
        LOWER, CAPITALISED, OTHER;

        static Shape of(String core) {
            boolean lower = true;
            for (int i = 0; i < core.length(); i++) {
                char c = core.charAt(i);
                if (c < 'a' || c > 'z') {
                    if (i == 0 && c >= 'A' && c <= 'Z') {
                        lower = false;
                        continue;
                    }
                    return OTHER;
                }
            }
            return lower ? LOWER : CAPITALISED;
        }
    }
}
