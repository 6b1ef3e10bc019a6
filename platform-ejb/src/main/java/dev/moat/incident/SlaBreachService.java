package dev.moat.incident;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/** Once a minute, puts each newly breached SLA on its case's timeline (once per breach). */
@Singleton
public class SlaBreachService {

    @Inject
    IncidentRepository incidents;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "*", persistent = false)
    public void noteBreaches() {
        Instant now = clock.instant();
        for (Incident incident : incidents.breachedUnnoted(now)) {
            incident.markSlaBreachNoted();
            incident.touch(now);
            incidents.append(new TimelineEntry(incident.id(), now, DetectionService.ACTOR,
                    TimelineEntry.Kind.SLA_BREACHED, "SLA breached: " + incident.severity() + " case was due "
                            + TimelineEntry.when(incident.dueAt())));
        }
    }
}
