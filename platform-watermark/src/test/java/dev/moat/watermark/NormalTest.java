package dev.moat.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalTest {

    @Test
    void tails_match_the_tables() {
        assertEquals(0.5, Normal.upperTail(0), 1e-7);
        assertEquals(0.0227501, Normal.upperTail(2), 1e-6);
        assertEquals(3.16712e-5, Normal.upperTail(4), 1e-9);
        assertEquals(7.61985e-24, Normal.upperTail(10), 1e-28);
        assertEquals(4.0, Normal.zFor(3.16712e-5), 1e-4);
    }
}
