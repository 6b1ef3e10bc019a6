package dev.moat.audit;

import dev.moat.domain.Sha256;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One administrative change: who, when, from where, what, and the state before and after (never secrets).
 * Its hash covers all of that and the previous entry's hash, so changing or removing any entry breaks the chain
 * from there on.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    public static final String GENESIS = "0".repeat(64);
    static final int MAX_STATE = 20_000;

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "actor_address", length = 45)
    private String actorAddress;

    @Column(name = "action", nullable = false, length = 60)
    private String action;

    @Column(name = "target", nullable = false, length = 200)
    private String target;

    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "before_state", length = MAX_STATE)
    private String before;

    @Column(name = "after_state", length = MAX_STATE)
    private String after;

    @Column(name = "previous_hash", nullable = false, length = 64)
    private String previousHash;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    /** For JPA only. */
    protected AuditEntry() {
    }

    /** The entry that follows the one with {@code previousHash}, at position {@code seq}. */
    public AuditEntry(long seq, String previousHash, Instant occurredAt, String actor, String actorAddress,
                      String action, String target, String tenantId, String before, String after) {
        this.seq = seq;
        this.previousHash = Objects.requireNonNull(previousHash);
        // The database keeps microseconds: hash what will be read back.
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        this.actor = actor;
        this.actorAddress = actorAddress;
        this.action = action;
        this.target = target;
        this.tenantId = tenantId;
        this.before = bounded(before);
        this.after = bounded(after);
        this.hash = computedHash();
    }

    /** The hash this entry's content and predecessor give; differs from {@link #hash()} once it was tampered with. */
    public String computedHash() {
        String content = String.join("\n", previousHash, Long.toString(seq), occurredAt.toString(), actor,
                String.valueOf(actorAddress), action, target, String.valueOf(tenantId), String.valueOf(before),
                String.valueOf(after));
        return Sha256.hex(content);
    }

    private static String bounded(String state) {
        return state == null || state.length() <= MAX_STATE ? state : state.substring(0, MAX_STATE - 13) + "…[truncated]";
    }

    public long seq() {
        return seq;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String actorAddress() {
        return actorAddress;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String tenantId() {
        return tenantId;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
