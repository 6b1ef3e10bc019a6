package dev.moat.incident;

import dev.moat.domain.DomainRuleViolation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A security case: what happened, how bad, who works on it, where it stands in the workflow, what it is about.
 * Its timeline and evidence are stored beside it and only ever appended to.
 */
@Entity
@Table(name = "incident")
public class Incident {

    public static final int MAX_TITLE = 300;
    public static final int MAX_TEXT = 20_000;
    private static final int MAX_TAGS = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_number")
    @SequenceGenerator(name = "incident_number", sequenceName = "incident_number_seq", allocationSize = 1)
    @Column(name = "id")
    private Long number;

    @Column(name = "title", nullable = false, length = MAX_TITLE)
    private String title;

    @Column(name = "description", nullable = false, length = MAX_TEXT)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false, length = 10)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private IncidentStatus status;

    @Column(name = "assignee", length = 200)
    private String assignee;

    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "tags", nullable = false, length = MAX_TAGS)
    private String tags;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "sla_breach_noted", nullable = false)
    private boolean slaBreachNoted;

    @Column(name = "dedup_key", length = 200)
    private String dedupKey;

    @Column(name = "merged_into")
    private Long mergedInto;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_observable", joinColumns = @JoinColumn(name = "incident_id"))
    private Set<Observable> observables = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_external_ref", joinColumns = @JoinColumn(name = "incident_id"))
    private Set<ExternalReference> externalReferences = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_link", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "related_id")
    private Set<Long> related = new LinkedHashSet<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected Incident() {
    }

    /** A new case; it gets its number when it is stored. */
    public Incident(String title, String description, Severity severity, String tenantId,
                    Collection<String> tags, String createdBy, Instant now, Instant dueAt) {
        retitle(title);
        describe(description);
        this.severity = required(severity, "severity");
        this.status = IncidentStatus.NEW;
        this.tenantId = tenantId;
        retag(tags);
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.dueAt = dueAt;
    }

    public void retitle(String newTitle) {
        String stripped = required(newTitle, "title").strip();
        if (stripped.isEmpty() || stripped.length() > MAX_TITLE) {
            throw new DomainRuleViolation("a title is 1 to " + MAX_TITLE + " characters");
        }
        this.title = stripped;
    }

    public void describe(String newDescription) {
        String text = newDescription == null ? "" : newDescription;
        if (text.length() > MAX_TEXT) {
            throw new DomainRuleViolation("a description is at most " + MAX_TEXT + " characters");
        }
        this.description = text;
    }

    /** A new severity also sets a new due time, counted from the case's opening. */
    public void classify(Severity newSeverity, Instant newDueAt) {
        this.severity = required(newSeverity, "severity");
        this.dueAt = newDueAt;
        this.slaBreachNoted = false;
    }

    /** @throws IllegalTransition when the workflow does not lead from the current status to the new one */
    public void moveTo(IncidentStatus next, Instant now) {
        if (!status.next().contains(required(next, "status"))) {
            throw new IllegalTransition(status, next);
        }
        this.status = next;
        if (next == IncidentStatus.RESOLVED) {
            resolvedAt = now;
        } else if (next.isOpen()) {
            resolvedAt = null;
        }
    }

    public void assignTo(String userName) {
        this.assignee = userName == null || userName.isBlank() ? null : userName.strip();
    }

    public void retag(Collection<String> newTags) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String tag : newTags == null ? List.<String>of() : newTags) {
            String stripped = tag == null ? "" : tag.strip();
            if (!stripped.matches("[\\p{L}\\p{N}._:-]{1,50}")) {
                throw new DomainRuleViolation("a tag is 1 to 50 letters, digits or . _ : - (got '" + tag + "')");
            }
            cleaned.add(stripped);
        }
        String joined = String.join(",", cleaned);
        if (joined.length() > MAX_TAGS) {
            throw new DomainRuleViolation("too many tags");
        }
        this.tags = joined;
    }

    /** Adds what is not there yet; returns the observables that are new to this case. */
    public List<Observable> observe(Collection<Observable> more) {
        return more.stream().filter(observables::add).toList();
    }

    /**
     * Closes this case as merged into another, whatever its status: it stays readable and points to the case
     * that carries on with its observables, evidence and timeline.
     */
    public void mergeInto(IncidentId target, Instant now) {
        if (target.number() == number) {
            throw new DomainRuleViolation("a case cannot be merged into itself");
        }
        if (mergedInto != null) {
            throw new DomainRuleViolation(id() + " was merged into " + new IncidentId(mergedInto) + " already");
        }
        mergedInto = target.number();
        status = IncidentStatus.CLOSED;
        if (resolvedAt == null) {
            resolvedAt = now;
        }
    }

    /** Adds what is not there yet; returns the references that are new to this case. */
    public List<ExternalReference> reference(Collection<ExternalReference> more) {
        return more.stream().filter(ref -> externalReferences.stream().noneMatch(known -> known.system()
                .equals(ref.system()) && known.externalId().equals(ref.externalId()))).filter(externalReferences::add)
                .toList();
    }

    public List<ExternalReference> externalReferences() {
        return List.copyOf(externalReferences);
    }

    /** Links a related case; true when the link is new. */
    public boolean relateTo(IncidentId other) {
        if (other.number() == number) {
            throw new DomainRuleViolation("a case is not related to itself");
        }
        return related.add(other.number());
    }

    public List<IncidentId> related() {
        return related.stream().sorted().map(IncidentId::new).toList();
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public void markSlaBreachNoted() {
        this.slaBreachNoted = true;
    }

    public void dedupBy(String key) {
        this.dedupKey = key;
    }

    public IncidentId id() {
        return new IncidentId(number);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    public IncidentStatus status() {
        return status;
    }

    public String assignee() {
        return assignee;
    }

    public String tenantId() {
        return tenantId;
    }

    public List<String> tags() {
        return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public boolean slaBreachNoted() {
        return slaBreachNoted;
    }

    public Long mergedInto() {
        return mergedInto;
    }

    public Set<Observable> observables() {
        return Set.copyOf(observables);
    }

    public long version() {
        return version;
    }

    /** Where the case stands against its due time at this moment. */
    public Sla sla(Instant now) {
        if (resolvedAt != null) {
            return resolvedAt.isAfter(dueAt) ? Sla.RESOLVED_LATE : Sla.MET;
        }
        return now.isAfter(dueAt) ? Sla.BREACHED : Sla.DUE;
    }

    public enum Sla { DUE, BREACHED, MET, RESOLVED_LATE }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new DomainRuleViolation(name + " is required");
        }
        return value;
    }
}
