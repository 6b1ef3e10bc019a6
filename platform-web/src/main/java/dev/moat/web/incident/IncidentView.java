package dev.moat.web.incident;

import dev.moat.incident.Evidence;
import dev.moat.incident.ExternalReference;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentService.CaseFile;
import dev.moat.incident.Observable;
import dev.moat.incident.TimelineEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A case as the REST API shows it: everything on it, with its timeline and evidence. */
public record IncidentView(String id, String title, String description, String severity, String status,
                           List<String> nextStatuses, String assignee, String tenant, List<String> tags,
                           List<ObservableView> observables, String createdBy, Instant createdAt, Instant updatedAt,
                           Instant dueAt, String sla, String mergedInto, List<String> relatedCases,
                           List<ReferenceView> externalReferences, long version,
                           List<TimelineView> timeline,
                           List<EvidenceView> evidence) {

    public record ObservableView(String kind, String value) {
        static ObservableView of(Observable observable) {
            return new ObservableView(lower(observable.kind()), observable.value());
        }
    }

    public record ReferenceView(String system, String id, String url) {
        static ReferenceView of(ExternalReference reference) {
            return new ReferenceView(reference.system(), reference.externalId(), reference.url());
        }
    }

    public record TimelineView(String id, Instant at, String actor, String kind, String text) {
        static TimelineView of(TimelineEntry entry) {
            return new TimelineView(String.valueOf(entry.id()), entry.occurredAt(), entry.actor(), lower(entry.kind()), entry.body());
        }
    }

    public record EvidenceView(String id, Instant addedAt, String addedBy, String kind, String summary, String detail) {
        static EvidenceView of(Evidence evidence) {
            return new EvidenceView(String.valueOf(evidence.id()), evidence.addedAt(), evidence.addedBy(), lower(evidence.kind()),
                    evidence.summary(), evidence.detail());
        }
    }

    /**
     * A case in a list: what a queue shows, without its texts, timeline and evidence; in search results also the
     * matching fragments per field, as HTML with the text escaped and the matches in {@code <mark>}.
     */
    public record Summary(String id, String title, String severity, String status, String assignee, String tenant,
                          List<String> tags, Instant updatedAt, Instant dueAt, String sla, long version,
                          Map<String, String> highlights) {
        static Summary of(Incident incident, Instant now) {
            return found(incident, now, null);
        }

        static Summary found(Incident incident, Instant now, Map<String, String> highlights) {
            return new Summary(incident.id().toString(), incident.title(), lower(incident.severity()),
                    lower(incident.status()), incident.assignee(), incident.tenantId(), incident.tags(),
                    incident.updatedAt(), incident.dueAt(), lower(incident.sla(now)), incident.version(), highlights);
        }
    }

    static IncidentView of(CaseFile file, Instant now) {
        Incident incident = file.incident();
        return new IncidentView(incident.id().toString(), incident.title(), incident.description(),
                lower(incident.severity()), lower(incident.status()),
                incident.status().next().stream().sorted().map(IncidentView::lower).toList(),
                incident.assignee(), incident.tenantId(), incident.tags(),
                incident.observables().stream().map(ObservableView::of)
                        .sorted(Comparator.comparing(ObservableView::kind).thenComparing(ObservableView::value)).toList(),
                incident.createdBy(), incident.createdAt(), incident.updatedAt(), incident.dueAt(),
                lower(incident.sla(now)),
                incident.mergedInto() == null ? null : new IncidentId(incident.mergedInto()).toString(),
                incident.related().stream().map(IncidentId::toString).toList(),
                incident.externalReferences().stream().map(ReferenceView::of).toList(), incident.version(), file.timeline().stream().map(TimelineView::of).toList(),
                file.evidence().stream().map(EvidenceView::of).toList());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
