package dev.moat.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line of a case's history: a change, made by a person or by Moat, or a comment. Never changed later. */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntry {

    public enum Kind {
        OPENED, CHANGED, STATUS_CHANGED, COMMENT, OBSERVED, EVIDENCE_ADDED, SLA_BREACHED, MERGED, LINKED, CONTAINMENT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "timeline_entry")
    @SequenceGenerator(name = "timeline_entry", sequenceName = "incident_timeline_seq", allocationSize = 1)
    @Column(name = "id")
    private Long id;

    @Column(name = "incident_id", nullable = false)
    private long incidentNumber;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 30)
    private Kind kind;

    @Column(name = "body", nullable = false, length = Incident.MAX_TEXT)
    private String body;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A time as timeline texts write it: to the minute, in UTC. */
    public static String when(Instant instant) {
        return MINUTES.format(instant);
    }

    /** For JPA only. */
    protected TimelineEntry() {
    }

    public TimelineEntry(IncidentId incident, Instant occurredAt, String actor, Kind kind, String body) {
        this.incidentNumber = incident.number();
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.kind = kind;
        this.body = body;
    }

    /** Given when stored; ids grow in the order entries were added. */
    public long id() {
        return id;
    }

    public IncidentId incident() {
        return new IncidentId(incidentNumber);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public Kind kind() {
        return kind;
    }

    public String body() {
        return body;
    }
}
