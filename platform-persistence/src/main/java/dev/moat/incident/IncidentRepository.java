package dev.moat.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Cases with their timelines and evidence; used only by application services. */
public interface IncidentRepository {

    /** Stores a new case, which gets its number. */
    Incident add(Incident incident);

    Optional<Incident> find(IncidentId id);

    /** The open case that a detection with this deduplication key updates, if there is one. */
    Optional<Incident> openWithDedupKey(String dedupKey);

    /** Most recently updated first, strictly after the cursor (updated time, number) when one is given. */
    List<Incident> list(IncidentQuery query);

    /** Open cases past their due time whose breach is not on their timeline yet. */
    List<Incident> breachedUnnoted(Instant now);

    /**
     * Cases changed after the given (update time, number), oldest change first: what the search index must catch
     * up with, a page at a time.
     */
    List<Incident> changedAfter(Instant time, long number, int limit);

    void append(TimelineEntry entry);

    void attach(Evidence evidence);

    List<TimelineEntry> timeline(IncidentId id);

    List<Evidence> evidence(IncidentId id);

    /** Filters of the case list; {@code null} fields and empty sets do not filter. */
    record IncidentQuery(String tenantId, Set<IncidentStatus> statuses, Severity severity, String keyId,
                         Instant updatedSince, Instant beforeUpdatedAt, Long beforeNumber, int limit) {
        public IncidentQuery {
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        }
    }
}
