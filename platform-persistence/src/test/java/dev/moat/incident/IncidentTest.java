package dev.moat.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final Instant OPENED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant DUE = OPENED.plusSeconds(4 * 3600);

    private static Incident fresh() {
        return new Incident("Reasoning traces harvested", "key abc", Severity.HIGH, "acme", List.of("distillation"),
                "bob", OPENED, DUE);
    }

    @Test
    void a_case_walks_the_whole_workflow_and_can_be_reopened() {
        Incident incident = fresh();
        for (IncidentStatus next : List.of(IncidentStatus.TRIAGED, IncidentStatus.INVESTIGATING,
                IncidentStatus.CONTAINED, IncidentStatus.RESOLVED, IncidentStatus.CLOSED, IncidentStatus.INVESTIGATING)) {
            incident.moveTo(next, OPENED.plusSeconds(60));
            assertEquals(next, incident.status());
        }
        assertEquals(null, incident.resolvedAt(), "a reopened case is unresolved again");
    }

    @Test
    void illegal_moves_are_refused_and_say_what_is_possible() {
        Incident incident = fresh();

        IllegalTransition refused = assertThrows(IllegalTransition.class,
                () -> incident.moveTo(IncidentStatus.CLOSED, OPENED));

        assertEquals(IncidentStatus.NEW, incident.status());
        assertTrue(refused.getMessage().contains("TRIAGED"), refused.getMessage());
    }

    @Test
    void every_status_can_end_resolved_or_be_reopened() {
        for (IncidentStatus status : IncidentStatus.values()) {
            assertTrue(status.next().contains(IncidentStatus.RESOLVED) || !status.isOpen(), status.name());
        }
        assertEquals(EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.INVESTIGATING), IncidentStatus.RESOLVED.next());
    }

    @Test
    void the_sla_is_due_then_breached_and_remembers_whether_it_was_met() {
        Incident incident = fresh();
        assertEquals(Incident.Sla.DUE, incident.sla(DUE.minusSeconds(1)));
        assertEquals(Incident.Sla.BREACHED, incident.sla(DUE.plusSeconds(1)));

        incident.moveTo(IncidentStatus.RESOLVED, DUE.minusSeconds(10));

        assertEquals(Incident.Sla.MET, incident.sla(DUE.plusSeconds(3600)));
    }

    @Test
    void titles_tags_and_texts_are_checked() {
        Incident incident = fresh();
        assertThrows(DomainRuleViolation.class, () -> incident.retitle("  "));
        assertThrows(DomainRuleViolation.class, () -> incident.retag(List.of("two words")));
        assertThrows(DomainRuleViolation.class, () -> incident.describe("x".repeat(Incident.MAX_TEXT + 1)));
        incident.retag(List.of(" b ", "a", "b"));
        assertEquals(List.of("b", "a"), incident.tags());
    }

    @Test
    void observables_are_normalised_so_the_same_thing_matches_across_cases() {
        assertEquals("AS16509", new Observable(Observable.Kind.ASN, "as16509").value());
        assertEquals("DE", new Observable(Observable.Kind.COUNTRY, "de").value());
        assertEquals("2001:db8:0:0:0:0:0:1", new Observable(Observable.Kind.CLIENT_ADDRESS, "2001:db8::1").value());
        assertEquals("203.0.113.0/24", new Observable(Observable.Kind.NETWORK, "203.0.113.0/24").value());
        assertThrows(DomainRuleViolation.class, () -> new Observable(Observable.Kind.API_KEY, "moat_secret"));
        assertThrows(DomainRuleViolation.class, () -> new Observable(Observable.Kind.CLIENT_ADDRESS, "example.com"));

        Incident incident = fresh();
        Observable key = new Observable(Observable.Kind.API_KEY, "abcdefghij12");
        assertEquals(List.of(key), incident.observe(List.of(key)));
        assertEquals(List.of(), incident.observe(List.of(key)), "already known");
    }

    @Test
    void case_ids_read_moat_and_a_number() {
        assertEquals(new IncidentId(42), IncidentId.parse("MOAT-42"));
        assertEquals("MOAT-42", new IncidentId(42).toString());
        for (String wrong : new String[] {"42", "MOAT-0", "MOAT-", "moat-1", "MOAT-1x", "MOAT-99999999999999999999"}) {
            assertThrows(NotFound.class, () -> IncidentId.parse(wrong), wrong);
        }
    }
}
