package dev.moat.usage;

import dev.moat.usage.UsageRepository.UsageBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Usage over a time range, one bucket per step with zeros where nothing happened, so a chart has no gaps. */
public record UsageTimeline(Duration step, List<UsageBucket> buckets) {

    public UsageTimeline {
        buckets = List.copyOf(buckets);
    }

    /** Every step-aligned bucket that overlaps [from, to), taking the counts of the stored ones. */
    static UsageTimeline filled(Instant from, Instant to, Duration step, List<UsageBucket> stored) {
        long size = step.toSeconds();
        Map<Instant, UsageBucket> byStart = stored.stream()
                .collect(Collectors.toMap(UsageBucket::start, Function.identity()));
        List<UsageBucket> all = new ArrayList<>();
        for (long start = Math.floorDiv(from.getEpochSecond(), size) * size; start < to.getEpochSecond(); start += size) {
            Instant at = Instant.ofEpochSecond(start);
            all.add(byStart.getOrDefault(at, new UsageBucket(at, 0, 0, 0, 0)));
        }
        return new UsageTimeline(step, all);
    }

    public long requests() {
        return buckets.stream().mapToLong(UsageBucket::requests).sum();
    }

    public long refused() {
        return buckets.stream().mapToLong(UsageBucket::refused).sum();
    }

    public long promptTokens() {
        return buckets.stream().mapToLong(UsageBucket::promptTokens).sum();
    }

    public long completionTokens() {
        return buckets.stream().mapToLong(UsageBucket::completionTokens).sum();
    }
}
