package dev.moat.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InvisibleMarkTest {

    @Test
    void every_payload_reads_back_from_the_text_it_is_hidden_in() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            byte[] payload = new byte[InvisibleMark.PAYLOAD_BYTES];
            random.nextBytes(payload);
            String text = "Here is " + InvisibleMark.encode(payload) + "the answer.";
            assertArrayEquals(payload, InvisibleMark.decode(text).orElseThrow());
        }
    }

    @Test
    void one_changed_character_per_code_word_is_corrected() {
        byte[] payload = {10, 20, 30, 40, 50, 60};
        String mark = InvisibleMark.encode(payload);
        char[] symbols = {'\u200B', '\u200C', '\u200D', '\u2060'};
        for (int at = 1; at < mark.length(); at++) {
            for (char other : symbols) {
                char original = mark.charAt(at);
                if (other == original) {
                    continue;
                }
                // a symbol carries two bits: only swaps that flip one of them are within the code's reach
                int flipped = Integer.bitCount(indexOf(symbols, original) ^ indexOf(symbols, other));
                String damaged = mark.substring(0, at) + other + mark.substring(at + 1);
                if (flipped == 1) {
                    assertArrayEquals(payload, InvisibleMark.decode(damaged).orElseThrow());
                }
            }
        }
    }

    @Test
    void every_nibble_survives_any_one_flipped_bit() {
        for (int nibble = 0; nibble < 16; nibble++) {
            int code = InvisibleMark.hamming(nibble);
            assertEquals(nibble, InvisibleMark.unhamming(code));
            for (int bit = 0; bit < 8; bit++) {
                assertEquals(nibble, InvisibleMark.unhamming(code ^ 1 << bit));
            }
        }
    }

    @Test
    void a_text_without_a_mark_has_none() {
        assertTrue(InvisibleMark.decode("plain text\u200B with a stray zero-width space").isEmpty());
    }

    private static int indexOf(char[] symbols, char c) {
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
