package dev.moat.inspection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of a stored rule, as it was after a change; never changed afterwards. */
@Entity
@Table(name = "inspection_rule_version")
public class StoredRuleVersion {

    @Id
    @Column(name = "id", length = 24)
    private String id;

    @Column(name = "rule_id", nullable = false, length = 16)
    private String ruleId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "change", nullable = false, length = 20)
    private String change;

    @Column(name = "definition", nullable = false, length = 100_000)
    private String definition;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false, length = 200)
    private String changedBy;

    /** For JPA only. */
    protected StoredRuleVersion() {
    }

    StoredRuleVersion(String ruleId, int version, String change, String definition, boolean enabled, Instant changedAt,
                      String changedBy) {
        this.id = ruleId + "@" + version;
        this.ruleId = ruleId;
        this.version = version;
        this.change = change;
        this.definition = definition;
        this.enabled = enabled;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    public String ruleId() {
        return ruleId;
    }

    public int version() {
        return version;
    }

    public String change() {
        return change;
    }

    public String definition() {
        return definition;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }
}
