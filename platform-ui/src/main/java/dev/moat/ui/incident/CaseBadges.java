package dev.moat.ui.incident;

import com.vaadin.flow.component.html.Span;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentStatus;
import dev.moat.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Lumo badges for a case's severity, status and SLA, the same in the queue and on the case page. */
final class CaseBadges {

    private CaseBadges() {
    }

    static Span severity(Severity severity) {
        return badge(label(severity), switch (severity) {
            case CRITICAL -> "badge error primary";
            case HIGH -> "badge error";
            case MEDIUM -> "badge";
            case LOW -> "badge contrast";
        });
    }

    static Span status(IncidentStatus status) {
        return badge(label(status), status.isOpen() ? "badge" : "badge success");
    }

    static Span sla(Incident incident, Instant now) {
        return switch (incident.sla(now)) {
            case DUE -> badge("due in " + human(Duration.between(now, incident.dueAt())), "badge contrast");
            case BREACHED -> badge("breached " + human(Duration.between(incident.dueAt(), now)) + " ago", "badge error");
            case MET -> badge("SLA met", "badge success");
            case RESOLVED_LATE -> badge("resolved late", "badge");
        };
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "3 d 4 h", "5 h 10 min", "12 min": precise enough for a due time. */
    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes >= 24 * 60) {
            return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
        }
        if (minutes >= 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes + " min";
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }
}
