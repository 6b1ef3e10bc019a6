package dev.moat.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Usage events; used only by application services. */
public interface UsageRepository {

    void addAll(Collection<UsageEvent> events);

    /** Which of these ids are stored already (a replayed spool may hold events that made it before). */
    Set<String> existing(Collection<String> ids);

    /** The key's most recent event, if it was ever used. */
    Optional<UsageEvent> lastOf(String keyId);

    /** Newest first, strictly older than the cursor (time, id) when one is given. */
    List<UsageEvent> find(UsageQuery query);

    /**
     * Requests, refusals and tokens per bucket of {@code bucketSeconds} in [from, to), oldest first, for one tenant
     * and optionally one key; buckets without requests are absent. Buckets start at multiples of the bucket size
     * since the epoch, so charts line up with the clock.
     */
    List<UsageBucket> timeline(String tenantId, String keyId, Instant from, Instant to, long bucketSeconds);

    record UsageBucket(Instant start, long requests, long refused, long promptTokens, long completionTokens) {
    }

    /** Filters of the usage API; {@code null} fields do not filter. */
    record UsageQuery(String tenantId, String keyId, Instant from, Instant to, Instant beforeTime, String beforeId,
                      int limit) {
    }
}
