package dev.moat.watermark;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A six-byte payload hidden in invisible Unicode format characters, for attributing verbatim copies: a start
 * character (U+2063, invisible separator) and 48 characters of two bits each (zero-width space, zero-width
 * non-joiner, zero-width joiner, word joiner). Each half byte travels as an extended Hamming (8,4) code word,
 * so a changed character is corrected and two are detected. Anyone who normalises the text strips it; that is
 * why it only complements the lexical watermark.
 */
public final class InvisibleMark {

    public static final int PAYLOAD_BYTES = 6;
    private static final char START = '\u2063';
    private static final char[] SYMBOLS = {'\u200B', '\u200C', '\u200D', '\u2060'};
    private static final int SYMBOLS_PER_MARK = PAYLOAD_BYTES * 2 * 8 / 2;

    private InvisibleMark() {
    }

    public static String encode(byte[] payload) {
        if (payload.length != PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload has " + PAYLOAD_BYTES + " bytes");
        }
        StringBuilder mark = new StringBuilder(1 + SYMBOLS_PER_MARK).append(START);
        for (byte b : payload) {
            for (int nibble : new int[] {(b >> 4) & 0xF, b & 0xF}) {
                int code = hamming(nibble);
                for (int shift = 6; shift >= 0; shift -= 2) {
                    mark.append(SYMBOLS[(code >> shift) & 3]);
                }
            }
        }
        return mark.toString();
    }

    /** The payload found most often among the marks in the text, if any decodes. */
    public static Optional<byte[]> decode(CharSequence text) {
        Map<Long, Integer> votes = new HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == START && i + SYMBOLS_PER_MARK < text.length() + 1) {
                Long payload = decodeAt(text, i + 1);
                if (payload != null) {
                    votes.merge(payload, 1, Integer::sum);
                }
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> {
            byte[] payload = new byte[PAYLOAD_BYTES];
            for (int b = 0; b < PAYLOAD_BYTES; b++) {
                payload[b] = (byte) (e.getKey() >>> (8 * (PAYLOAD_BYTES - 1 - b)));
            }
            return payload;
        });
    }

    /** Whether a character belongs to the mark (so readers can drop it, or count it). */
    public static boolean isMarkCharacter(char c) {
        return c == START || c == SYMBOLS[0] || c == SYMBOLS[1] || c == SYMBOLS[2] || c == SYMBOLS[3];
    }

    private static Long decodeAt(CharSequence text, int from) {
        if (from + SYMBOLS_PER_MARK > text.length()) {
            return null;
        }
        long payload = 0;
        for (int n = 0; n < PAYLOAD_BYTES * 2; n++) {
            int code = 0;
            for (int s = 0; s < 4; s++) {
                int symbol = symbol(text.charAt(from + n * 4 + s));
                if (symbol < 0) {
                    return null;
                }
                code = code << 2 | symbol;
            }
            int nibble = unhamming(code);
            if (nibble < 0) {
                return null;
            }
            payload = payload << 4 | nibble;
        }
        return payload;
    }

    private static int symbol(char c) {
        for (int i = 0; i < SYMBOLS.length; i++) {
            if (SYMBOLS[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Extended Hamming (8,4): data bits d1..d4, parity bits p1, p2, p3 and an overall parity bit. */
    static int hamming(int nibble) {
        int d1 = nibble >> 3 & 1, d2 = nibble >> 2 & 1, d3 = nibble >> 1 & 1, d4 = nibble & 1;
        int p1 = d1 ^ d2 ^ d4, p2 = d1 ^ d3 ^ d4, p3 = d2 ^ d3 ^ d4;
        int code = p1 << 6 | p2 << 5 | d1 << 4 | p3 << 3 | d2 << 2 | d3 << 1 | d4; // positions 1..7
        return code << 1 | Integer.bitCount(code) & 1;
    }

    /** The nibble of a code word, correcting one flipped bit; -1 when two bits flipped. */
    static int unhamming(int code) {
        int word = code >> 1;
        int syndrome = 0;
        for (int position = 1; position <= 7; position++) {
            if ((word >> (7 - position) & 1) == 1) {
                syndrome ^= position;
            }
        }
        boolean parityOk = (Integer.bitCount(code) & 1) == 0;
        if (syndrome != 0 && parityOk) {
            return -1;
        }
        if (syndrome != 0) {
            word ^= 1 << (7 - syndrome);
        }
        return (word >> 4 & 1) << 3 | (word >> 2 & 1) << 2 | (word >> 1 & 1) << 1 | (word & 1);
    }
}
