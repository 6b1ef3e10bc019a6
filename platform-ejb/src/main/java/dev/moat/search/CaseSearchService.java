package dev.moat.search;

import static dev.moat.security.Role.PLATFORM_ADMIN;

import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Full-text search over cases. The index follows the database: every change to a case sets its update time,
 * and {@link #catchUp()} indexes what changed since it last looked, reading only committed data; so the index
 * never runs ahead of the database and can always be rebuilt from it.
 */
@ApplicationScoped
@Transactional
public class CaseSearchService {

    /** Looking back a little catches transactions that committed after a later one was already indexed. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    private static final int PAGE = 200;

    private final CaseIndex index;
    private final IncidentRepository incidents;
    private final CurrentCaller caller;
    private volatile Instant indexedUpTo = Instant.EPOCH;
    /**
     * The update time of each case indexed within the overlap: a case that changed once is read again on every
     * catch-up of the next ten seconds, and a busy campaign case (thousands of keys' evidence) is costly to index.
     */
    private final Map<IncidentId, Instant> indexedVersions = new ConcurrentHashMap<>();

    /** For CDI's client proxy only. */
    protected CaseSearchService() {
        this(null, null, null);
    }

    @Inject
    public CaseSearchService(CaseIndex index, IncidentRepository incidents, CurrentCaller caller) {
        this.index = index;
        this.incidents = incidents;
        this.caller = caller;
    }

    /** Indexes the cases changed since the last call (all of them after a rebuild); returns how many changed. */
    public int catchUp() {
        Instant time = indexedUpTo.equals(Instant.EPOCH) ? Instant.EPOCH : indexedUpTo.minus(OVERLAP);
        long number = 0;
        int indexed = 0;
        List<Incident> page;
        do {
            page = incidents.changedAfter(time, number, PAGE);
            for (Incident incident : page) {
                if (!incident.updatedAt().equals(indexedVersions.put(incident.id(), incident.updatedAt()))) {
                    index.put(CaseDocument.of(incident, incidents.timeline(incident.id()),
                            incidents.evidence(incident.id())));
                    indexed++;
                }
                time = incident.updatedAt();
                number = incident.id().number();
            }
        } while (page.size() == PAGE);
        if (time.isAfter(indexedUpTo)) {
            indexedUpTo = time;
        }
        Instant forgettable = indexedUpTo.minus(OVERLAP.multipliedBy(2));
        indexedVersions.values().removeIf(updated -> updated.isBefore(forgettable));
        index.refresh();
        return indexed;
    }

    /** Makes the index survive a restart; the indexer calls it every half minute. */
    public void commitIndex() {
        index.commit();
    }

    /** Cases matching the query, best first; a tenant admin finds only its tenant's cases. */
    public List<CaseIndex.Hit> search(String query, int limit) {
        MoatPrincipal reader = caller.principal();
        return index.search(query, reader.tenant().orElse(null), limit);
    }

    /** Empties the index; the next catch-up indexes every case again from the database. */
    public void rebuild() {
        caller.principal().requireOneOf(Set.of(PLATFORM_ADMIN), "Only platform admins rebuild the search index");
        index.clear();
        indexedVersions.clear();
        indexedUpTo = Instant.EPOCH;
    }
}
