package dev.moat.webhook;

import dev.moat.domain.DomainRuleViolation;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a subscription can be told about, with the names receivers see in the payload's {@code type}. */
public enum WebhookEventType {
    INCIDENT_CREATED("incident.created"),
    INCIDENT_UPDATED("incident.updated"),
    INCIDENT_STATUS_CHANGED("incident.status_changed"),
    INCIDENT_COMMENTED("incident.commented"),
    DETECTION_RAISED("detection.raised");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static WebhookEventType ofWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new DomainRuleViolation("unknown event type '" + name + "'; known: "
                        + Arrays.stream(values()).map(WebhookEventType::wireName).collect(Collectors.joining(", "))));
    }
}
