package dev.moat.wiring;

import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository;
import dev.moat.incident.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Stores a case that was due an hour ago, as if it had been left alone past its SLA. */
@ApplicationScoped
@Transactional
public class OverdueCase {

    @Inject
    IncidentRepository incidents;

    public IncidentId store() {
        Instant now = Instant.now();
        return incidents.add(new Incident("Left alone", "", Severity.CRITICAL, null, List.of(), "test",
                now.minusSeconds(5 * 3600), now.minusSeconds(3600))).id();
    }
}
