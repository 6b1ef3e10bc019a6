package dev.moat.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moat.incident.Evidence;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository;
import dev.moat.incident.Severity;
import dev.moat.incident.TimelineEntry;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The search index catches up with each change of a case once, however often it looks back over the overlap. */
class CaseSearchServiceTest {

    private final Instant start = Instant.parse("2026-11-27T07:00:00Z");
    private final Cases cases = new Cases();
    private final CaseIndex index = new CaseIndex(new ByteBuffersDirectory());
    private final CaseSearchService search = new CaseSearchService(index, cases, null);

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void a_case_is_indexed_once_per_change_not_on_every_catch_up_of_the_overlap() throws Exception {
        Incident traces = cases.numbered(new Incident("Reasoning traces harvested", "", Severity.HIGH, "acme",
                List.of(), "moat", start, start.plusSeconds(3_600)), 1);
        cases.numbered(new Incident("Logprob harvesting", "", Severity.MEDIUM, "acme", List.of(), "moat",
                start.plusSeconds(1), start.plusSeconds(3_600)), 2);

        assertEquals(2, search.catchUp());
        assertEquals(0, search.catchUp(), "nothing changed: both cases are still within the overlap, unread");
        assertEquals(2, cases.evidenceReads);

        traces.touch(start.plusSeconds(2));
        assertEquals(1, search.catchUp());
        assertEquals(3, cases.evidenceReads);
        assertEquals(List.of("MOAT-1"), index.search("traces", null, 10).stream().map(CaseIndex.Hit::caseId)
                .toList());
    }

    /** Cases in memory, numbered as the database would number them; counts the evidence it is asked for. */
    private static final class Cases implements IncidentRepository {
        private final List<Incident> all = new ArrayList<>();
        int evidenceReads;

        Incident numbered(Incident incident, long number) throws ReflectiveOperationException {
            Field field = Incident.class.getDeclaredField("number"); // JPA assigns it on insert
            field.setAccessible(true);
            field.set(incident, number);
            all.add(incident);
            return incident;
        }

        @Override
        public List<Incident> changedAfter(Instant time, long number, int limit) {
            return all.stream().filter(incident -> incident.updatedAt().isAfter(time)
                            || incident.updatedAt().equals(time) && incident.id().number() > number)
                    .sorted(Comparator.comparing(Incident::updatedAt).thenComparing(i -> i.id().number()))
                    .limit(limit).toList();
        }

        @Override
        public List<TimelineEntry> timeline(IncidentId id) {
            return List.of();
        }

        @Override
        public List<Evidence> evidence(IncidentId id) {
            evidenceReads++;
            return List.of();
        }

        @Override
        public Incident add(Incident incident) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Incident> find(IncidentId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Incident> openWithDedupKey(String dedupKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Incident> list(IncidentQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Incident> breachedUnnoted(Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void append(TimelineEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void attach(Evidence evidence) {
            throw new UnsupportedOperationException();
        }
    }
}
