package dev.moat.inspection;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Undoes trivial obfuscation before rules look at text: Unicode NFKC (full-width and styled letters become plain
 * ones), format characters such as zero-width spaces removed, case folded, whitespace runs made one space, and
 * look-alike letters of other scripts inside Latin words made Latin ("rеasoning" with a Cyrillic "е"); and a
 * confusable-folded skeleton of everything (Cyrillic "а" and Latin "a" alike) for phrase matching, per Unicode
 * TR #39.
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private TextNormalizer() {
    }

    /** NFKC with case folding (which also drops default-ignorable characters), whitespace collapsed. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = NFKC_CASEFOLD.normalize(text);
        StringBuilder clean = new StringBuilder(folded.length());
        boolean space = false;
        boolean ascii = true;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.FORMAT) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space && !clean.isEmpty()) {
                    clean.append(' ');
                }
                space = true;
            } else {
                clean.appendCodePoint(c);
                space = false;
                ascii &= c < 0x80;
            }
        }
        String normalized = clean.toString().strip();
        return ascii ? normalized : latinWords(normalized); // most prompts: no second pass
    }

    /**
     * Folds the letters of other scripts that pose as Latin ones in words that also hold Latin letters, so that
     * patterns written in Latin see through mixed-script spellings. Words wholly in another script stay as they are
     * (a Russian pattern must still match Russian text), and so do Latin letters of every kind ("kapı", "naïve").
     */
    private static String latinWords(String text) {
        StringBuilder folded = null;
        int wordStart = 0;
        for (int i = 0; i <= text.length(); ) {
            int c = i < text.length() ? text.codePointAt(i) : ' ';
            if (isWordPart(c)) {
                i += Character.charCount(c);
                continue;
            }
            if (mixesLatinAndOther(text, wordStart, i)) {
                folded = folded == null ? new StringBuilder(text.length()).append(text, 0, wordStart) : folded;
                appendLatin(text, wordStart, i, folded);
            } else if (folded != null) {
                folded.append(text, wordStart, i);
            }
            if (folded != null && i < text.length()) {
                folded.appendCodePoint(c);
            }
            i += Character.charCount(c);
            wordStart = i;
        }
        return folded == null ? text : folded.toString();
    }

    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean mixesLatinAndOther(String text, int start, int end) {
        boolean latin = false;
        boolean other = false;
        for (int i = start; i < end; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            latin |= c < 0x80 || UScript.getScript(c) == UScript.LATIN;
            other |= isOtherScriptLetter(c);
        }
        return latin && other;
    }

    private static boolean isOtherScriptLetter(int c) {
        if (c < 0x80 || !Character.isLetter(c)) {
            return false;
        }
        int script = UScript.getScript(c);
        return script != UScript.LATIN && script != UScript.COMMON && script != UScript.INHERITED;
    }

    private static void appendLatin(String text, int start, int end, StringBuilder to) {
        for (int i = start; i < end; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            String skeleton = isOtherScriptLetter(c) ? CONFUSABLES.getSkeleton(Character.toString(c)) : null;
            if (skeleton != null && skeleton.length() == 1 && skeleton.charAt(0) < 0x80
                    && Character.isLetter(skeleton.charAt(0))) {
                to.append(Character.toLowerCase(skeleton.charAt(0)));
            } else {
                to.appendCodePoint(c);
            }
        }
    }

    /** The confusable skeleton of already normalized text: what phrase lists are matched against. */
    public static String skeleton(String normalized) {
        return normalize(CONFUSABLES.getSkeleton(normalized));
    }
}
