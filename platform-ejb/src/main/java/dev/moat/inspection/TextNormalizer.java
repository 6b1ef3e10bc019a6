package dev.moat.inspection;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Undoes trivial obfuscation before rules look at text: Unicode NFKC (full-width and styled letters become plain
 * ones), format characters such as zero-width spaces removed, case folded, whitespace runs made one space; and
 * a confusable-folded skeleton (Cyrillic "а" and Latin "a" alike) for phrase matching, per Unicode TR #39.
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
            }
        }
        return clean.toString().strip();
    }

    /** The confusable skeleton of already normalized text: what phrase lists are matched against. */
    public static String skeleton(String normalized) {
        return normalize(CONFUSABLES.getSkeleton(normalized));
    }
}
