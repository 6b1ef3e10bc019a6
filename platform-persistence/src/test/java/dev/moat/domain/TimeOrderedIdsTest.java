package dev.moat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void ids_are_distinct_version_7_uuids_in_time_order() {
        Set<UUID> ids = new HashSet<>();
        long before = System.currentTimeMillis();
        String previous = "";
        for (int i = 0; i < 100_000; i++) {
            UUID id = TimeOrderedIds.next();
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= System.currentTimeMillis(), "the id carries its time");
            String text = id.toString();
            assertTrue(text.substring(0, 13).compareTo(previous) >= 0, "ids sort by their time as text too");
            previous = text.substring(0, 13);
            ids.add(id);
        }
        assertEquals(100_000, ids.size());
    }
}
