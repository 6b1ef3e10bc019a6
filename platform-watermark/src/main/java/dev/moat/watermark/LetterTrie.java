package dev.moat.watermark;

import java.util.Arrays;
import java.util.Collection;

/**
 * A trie over lower-case words of letters and apostrophes, for following a word as it streams in, character by
 * character: a word that leaves the trie cannot be one of its words, so it need not be held back. Immutable.
 */
final class LetterTrie {

    /** The state before the first character. */
    static final int ROOT = 0;
    /** 26 letters and the apostrophe (typewriter or typographic). */
    private static final int SYMBOLS = 27;
    private static final int APOSTROPHE = 26;

    /** {@code next[state * 27 + symbol]}: the next state, 0 for none (the root is never a next state). */
    private final int[] next;
    private final boolean[] endsAWord;

    LetterTrie(Collection<String> words) {
        int[] table = new int[SYMBOLS * 1024];
        boolean[] ends = new boolean[1024];
        int states = 1;
        for (String word : words) {
            int state = ROOT;
            for (int i = 0; i < word.length(); i++) {
                int symbol = symbol(word.charAt(i));
                if (symbol < 0) {
                    throw new IllegalArgumentException("not a lower-case word: " + word);
                }
                int slot = state * SYMBOLS + symbol;
                if (table[slot] == 0) {
                    if (states == ends.length) {
                        table = Arrays.copyOf(table, table.length * 2);
                        ends = Arrays.copyOf(ends, ends.length * 2);
                    }
                    table[slot] = states++;
                }
                state = table[slot];
            }
            ends[state] = true;
        }
        this.next = table;
        this.endsAWord = ends;
    }

    /** The state after one more character (letters in either case), or -1 when no word goes on this way. */
    int next(int state, char c) {
        int symbol = symbol(c);
        if (state < 0 || symbol < 0) {
            return -1;
        }
        int following = next[state * SYMBOLS + symbol];
        return following == 0 ? -1 : following;
    }

    /** Whether the characters that led to this state are a whole word. */
    boolean endsAWord(int state) {
        return state > 0 && endsAWord[state];
    }

    private static int symbol(char c) {
        if (c == '\'' || c == '\u2019') {
            return APOSTROPHE;
        }
        int letter = (c | 0x20) - 'a';
        return letter >= 0 && letter < 26 && c <= 'z' ? letter : -1;
    }
}
