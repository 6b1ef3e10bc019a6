package dev.moat.incident;

import dev.moat.webhook.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns detections into cases: the first detection about a key or campaign opens a case; later ones, while that
 * case is open, add their evidence to it (and raise its severity when they are worse), so a long attack is one
 * case that grows instead of a flood of new ones. Called by Moat itself, not on behalf of a person.
 */
@ApplicationScoped
@Transactional
public class DetectionService {

    static final String ACTOR = "moat";

    private final IncidentRepository incidents;
    private final CaseRelationsService relations;
    private final SlaPolicy sla;
    private final Clock clock;
    private final Event<WebhookEvent> events;

    /** For CDI's client proxy only. */
    protected DetectionService() {
        this(null, null, null, null, null);
    }

    @Inject
    public DetectionService(IncidentRepository incidents, CaseRelationsService relations, SlaPolicy sla, Clock clock,
                            Event<WebhookEvent> events) {
        this.incidents = incidents;
        this.relations = relations;
        this.sla = sla;
        this.clock = clock;
        this.events = events;
    }

    /** The case the detection opened or updated. */
    public IncidentId raise(Detection detection) {
        Instant now = clock.instant();
        Incident incident = incidents.openWithDedupKey(detection.dedupKey()).orElseGet(() -> open(detection, now));
        IncidentId id = incident.id();
        if (detection.severity().compareTo(incident.severity()) > 0) {
            Severity before = incident.severity();
            incident.classify(detection.severity(), sla.dueAt(detection.severity(), incident.createdAt()));
            incidents.append(new TimelineEntry(id, now, ACTOR, TimelineEntry.Kind.CHANGED,
                    "severity " + before + " → " + detection.severity() + " by a new detection"));
        }
        List<Observable> added = incident.observe(detection.observables());
        if (!added.isEmpty()) {
            incidents.append(new TimelineEntry(id, now, ACTOR, TimelineEntry.Kind.OBSERVED,
                    IncidentService.describe(added)));
        }
        incidents.attach(new Evidence(id, now, ACTOR, Evidence.Kind.DETECTION, detection.summary(), detection.evidence()));
        incidents.append(new TimelineEntry(id, now, ACTOR, TimelineEntry.Kind.EVIDENCE_ADDED, detection.summary()));
        incident.touch(now);
        events.fire(IncidentEvents.detectionRaised(incident, detection, now));
        for (String campaign : detection.supersededCampaigns()) {
            incidents.openWithDedupKey(Detection.campaignDedupKey(campaign))
                    .filter(older -> !older.id().equals(id))
                    .ifPresent(older -> relations.mergeDetected(incident, older, "campaign " + campaign
                            + " joined campaign " + detection.campaignId() + " (" + detection.summary() + ")"));
        }
        return id;
    }

    private Incident open(Detection detection, Instant now) {
        String subject = detection.campaignId() != null ? "campaign " + detection.campaignId() : "key " + detection.keyId();
        Incident incident = incidents.add(new Incident(truncated("Detection on " + subject + ": " + detection.summary()),
                "Opened by Moat from a detection; the evidence below shows what was seen.", detection.severity(),
                detection.tenantId(), List.of("detection"), ACTOR, now, sla.dueAt(detection.severity(), now)));
        incident.dedupBy(detection.dedupKey());
        incidents.append(new TimelineEntry(incident.id(), now, ACTOR, TimelineEntry.Kind.OPENED,
                "Opened from a detection as " + detection.severity() + ", due " + TimelineEntry.when(incident.dueAt())));
        events.fire(IncidentEvents.created(incident, now));
        return incident;
    }

    private static String truncated(String title) {
        return title.length() <= Incident.MAX_TITLE ? title : title.substring(0, Incident.MAX_TITLE - 1) + "…";
    }
}
