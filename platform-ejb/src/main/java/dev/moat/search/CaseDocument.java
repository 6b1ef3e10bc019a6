package dev.moat.search;

import dev.moat.incident.Evidence;
import dev.moat.incident.Incident;
import dev.moat.incident.Observable;
import dev.moat.incident.TimelineEntry;
import java.util.List;
import java.util.stream.Collectors;

/** What the search index knows of a case: its texts, comments and changes, evidence and observables. */
public record CaseDocument(String id, String tenantId, String title, String description, String timeline,
                           String evidence, String observables) {

    static CaseDocument of(Incident incident, List<TimelineEntry> timeline, List<Evidence> evidence) {
        return new CaseDocument(incident.id().toString(), incident.tenantId(), incident.title(),
                incident.description(),
                timeline.stream().map(TimelineEntry::body).collect(Collectors.joining("\n")),
                evidence.stream().map(e -> e.summary() + "\n" + e.detail()).collect(Collectors.joining("\n")),
                incident.observables().stream().map(Observable::value).sorted().collect(Collectors.joining(" ")));
    }
}
