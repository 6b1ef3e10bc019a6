package dev.moat.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsageRecorderTest {

    @Test
    void event_ids_are_distinct_version_4_uuids() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = UsageRecorder.randomId();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            ids.add(id);
        }
        assertEquals(100_000, ids.size());
    }
}
