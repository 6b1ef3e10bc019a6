package dev.moat.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSpoolTest {

    @TempDir
    Path folder;

    private static UsageEvent event(String keyId, Long asn) {
        return new UsageEvent(UUID.randomUUID(), new UsageEvent.Facts(Instant.parse("2026-11-26T08:00:00.123456Z"),
                "acme", keyId, "2001:db8::1", "DE", asn, "chat/completions", "llama-3", 12, 30, false, 250, 200,
                "allowed", "reasoning-trace elicitation \"quoted\""));
    }

    @Test
    void spooled_events_read_back_unchanged_and_files_go_away_after_replay() throws Exception {
        UsageSpool spool = new UsageSpool(folder.resolve("spool"));
        List<UsageEvent> first = List.of(event("abcdef123456", 64512L), event(null, null));
        List<UsageEvent> second = List.of(event("zzzzzz999999", null));

        spool.append(first);
        spool.append(second);

        List<Path> files = spool.files();
        assertEquals(2, files.size());
        assertEquals(first.stream().map(UsageEvent::facts).toList(), spool.read(files.get(0)).stream().map(UsageEvent::facts).toList());
        assertEquals(first.stream().map(UsageEvent::id).toList(), spool.read(files.get(0)).stream().map(UsageEvent::id).toList());
        spool.delete(files.get(0));
        assertEquals(List.of(files.get(1)), spool.files());
    }
}
