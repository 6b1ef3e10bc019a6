package dev.moat.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moat.usage.UsageRepository.UsageBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTimelineTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void every_step_of_the_range_has_a_bucket_aligned_to_the_clock() {
        UsageTimeline timeline = UsageTimeline.filled(Instant.parse("2026-11-26T10:02:00Z"),
                Instant.parse("2026-11-26T10:21:00Z"), FIVE_MINUTES, List.of());

        assertEquals(List.of(Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:05:00Z"),
                        Instant.parse("2026-11-26T10:10:00Z"), Instant.parse("2026-11-26T10:15:00Z"),
                        Instant.parse("2026-11-26T10:20:00Z")),
                timeline.buckets().stream().map(UsageBucket::start).toList());
        assertEquals(0, timeline.requests());
    }

    @Test
    void stored_buckets_keep_their_counts_and_the_totals_add_them_up() {
        UsageBucket busy = new UsageBucket(Instant.parse("2026-11-26T10:05:00Z"), 7, 2, 700, 1400);
        UsageBucket later = new UsageBucket(Instant.parse("2026-11-26T10:15:00Z"), 1, 0, 10, 20);

        UsageTimeline timeline = UsageTimeline.filled(Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:20:00Z"), FIVE_MINUTES, List.of(later, busy));

        assertEquals(4, timeline.buckets().size());
        assertEquals(busy, timeline.buckets().get(1));
        assertEquals(later, timeline.buckets().get(3));
        assertEquals(8, timeline.requests());
        assertEquals(2, timeline.refused());
        assertEquals(710, timeline.promptTokens());
        assertEquals(1420, timeline.completionTokens());
    }
}
