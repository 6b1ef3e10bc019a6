package dev.moat.inspection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator-authored inspection rule as stored: its definition (JSON, read by the rule engine), whether it is
 * enabled, and its version, which every change raises by one. Deleting keeps the row for its history.
 */
@Entity
@Table(name = "inspection_rule")
public class StoredRule {

    @Id
    @Column(name = "id", length = 16)
    private String id;

    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "definition", nullable = false, length = 100_000)
    private String definition;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 200)
    private String updatedBy;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** For JPA only. */
    protected StoredRule() {
    }

    public StoredRule(String id, String tenantId, String definition, boolean enabled, Instant at, String by) {
        this.id = id;
        this.tenantId = tenantId;
        this.definition = definition;
        this.enabled = enabled;
        this.version = 1;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    /** A new definition, or the same one enabled or disabled: the next version. */
    public StoredRuleVersion change(String change, String newDefinition, boolean nowEnabled, Instant at, String by) {
        this.definition = newDefinition;
        this.enabled = nowEnabled;
        this.version++;
        this.updatedAt = at;
        this.updatedBy = by;
        return versionAfter(change);
    }

    public StoredRuleVersion delete(Instant at, String by) {
        this.deletedAt = at;
        this.enabled = false;
        this.version++;
        this.updatedAt = at;
        this.updatedBy = by;
        return versionAfter("deleted");
    }

    /** This rule as it is now, as an entry of its history. */
    public StoredRuleVersion versionAfter(String change) {
        return new StoredRuleVersion(id, version, change, definition, enabled, updatedAt, updatedBy);
    }

    public String id() {
        return id;
    }

    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public String definition() {
        return definition;
    }

    public boolean enabled() {
        return enabled;
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
