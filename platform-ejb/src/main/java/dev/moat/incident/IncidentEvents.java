package dev.moat.incident;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.webhook.WebhookEvent;
import dev.moat.webhook.WebhookEventType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Locale;

/** The webhook events about cases, with the case as ticketing systems need it to find or update a ticket. */
final class IncidentEvents {

    private IncidentEvents() {
    }

    static WebhookEvent created(Incident incident, Instant at) {
        return new WebhookEvent(WebhookEventType.INCIDENT_CREATED, at, summary(incident).build());
    }

    static WebhookEvent updated(Incident incident, String changes, Instant at) {
        return new WebhookEvent(WebhookEventType.INCIDENT_UPDATED, at, summary(incident).add("changes", changes).build());
    }

    static WebhookEvent statusChanged(Incident incident, IncidentStatus from, Instant at) {
        return new WebhookEvent(WebhookEventType.INCIDENT_STATUS_CHANGED, at,
                summary(incident).add("previousStatus", lower(from)).build());
    }

    static WebhookEvent commented(Incident incident, TimelineEntry comment) {
        return new WebhookEvent(WebhookEventType.INCIDENT_COMMENTED, comment.occurredAt(), summary(incident)
                .add("comment", JSON.createObjectBuilder().add("id", String.valueOf(comment.id()))
                        .add("author", comment.actor()).add("text", comment.body()))
                .build());
    }

    static WebhookEvent detectionRaised(Incident incident, Detection detection, Instant at) {
        JsonObjectBuilder data = summary(incident).add("detection", JSON.createObjectBuilder()
                .add("summary", detection.summary()).add("severity", lower(detection.severity()))
                .add("keyId", detection.keyId() == null ? "" : detection.keyId())
                .add("campaignId", detection.campaignId() == null ? "" : detection.campaignId()));
        return new WebhookEvent(WebhookEventType.DETECTION_RAISED, at, data.build());
    }

    private static JsonObjectBuilder summary(Incident incident) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", incident.id().toString())
                .add("title", incident.title())
                .add("severity", lower(incident.severity()))
                .add("status", lower(incident.status()))
                .add("dueAt", incident.dueAt().toString())
                .add("updatedAt", incident.updatedAt().toString());
        if (incident.tenantId() != null) {
            json.add("tenant", incident.tenantId());
        }
        if (incident.assignee() != null) {
            json.add("assignee", incident.assignee());
        }
        JsonArrayBuilder references = JSON.createArrayBuilder();
        incident.externalReferences().forEach(ref -> {
            JsonObjectBuilder one = JSON.createObjectBuilder().add("system", ref.system()).add("id", ref.externalId());
            if (ref.url() != null) {
                one.add("url", ref.url());
            }
            references.add(one);
        });
        return json.add("externalReferences", references);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
