package dev.moat.incident;

import dev.moat.domain.DomainRuleViolation;
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

/**
 * Something that supports a case: a detection with its findings, a sample request (truncated, secrets masked
 * before it gets here), usage figures, a watermark verification. Never changed later.
 */
@Entity
@Table(name = "incident_evidence")
public class Evidence {

    public enum Kind { DETECTION, SAMPLE_REQUEST, USAGE, WATERMARK_VERIFICATION, NOTE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "evidence")
    @SequenceGenerator(name = "evidence", sequenceName = "incident_evidence_seq", allocationSize = 1)
    @Column(name = "id")
    private Long id;

    @Column(name = "incident_id", nullable = false)
    private long incidentNumber;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "added_by", nullable = false, length = 200)
    private String addedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 30)
    private Kind kind;

    @Column(name = "summary", nullable = false, length = 500)
    private String summary;

    @Column(name = "detail", nullable = false, length = Incident.MAX_TEXT)
    private String detail;

    /** For JPA only. */
    protected Evidence() {
    }

    public Evidence(IncidentId incident, Instant addedAt, String addedBy, Kind kind, String summary, String detail) {
        if (summary == null || summary.isBlank() || summary.length() > 500) {
            throw new DomainRuleViolation("evidence needs a summary of 1 to 500 characters");
        }
        this.incidentNumber = incident.number();
        this.addedAt = addedAt;
        this.addedBy = addedBy;
        this.kind = kind;
        this.summary = summary;
        // Evidence is kept, not refused: an oversized detail is cut and says so.
        this.detail = detail == null ? "" : detail.length() <= Incident.MAX_TEXT ? detail
                : detail.substring(0, Incident.MAX_TEXT - 20) + "… [truncated]";
    }

    /** Given when stored; ids grow in the order entries were added. */
    public long id() {
        return id;
    }

    public IncidentId incident() {
        return new IncidentId(incidentNumber);
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String addedBy() {
        return addedBy;
    }

    public Kind kind() {
        return kind;
    }

    public String summary() {
        return summary;
    }

    public String detail() {
        return detail;
    }
}
