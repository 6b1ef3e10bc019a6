package dev.moat.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where the audit chain ends: the last entry's position and hash. One row, locked by every append. */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    /** For JPA only. */
    protected AuditHead() {
    }

    /** Chains the entry onto the end and moves the end to it. */
    public AuditEntry append(Instant occurredAt, String actor, String actorAddress, String action,
                             String target, String tenantId, String before, String after) {
        AuditEntry entry = new AuditEntry(lastSeq + 1, lastHash, occurredAt, actor, actorAddress, action, target,
                tenantId, before, after);
        lastSeq = entry.seq();
        lastHash = entry.hash();
        return entry;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public String lastHash() {
        return lastHash;
    }
}
