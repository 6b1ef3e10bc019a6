package dev.moat.audit;

import java.time.Instant;
import java.util.List;

/** The audit log; used only by application services. */
public interface AuditRepository {

    /** The chain's end, locked until the transaction ends, so that appends chain one after another. */
    AuditHead lockHead();

    void add(AuditEntry entry);

    /** Newest first, strictly before {@code beforeSeq} when it is given. */
    List<AuditEntry> find(AuditQuery query);

    /** Entries in chain order from {@code fromSeq} on, for verification. */
    List<AuditEntry> chain(long fromSeq, int limit);

    /** Filters of the audit API; {@code null} fields do not filter. */
    record AuditQuery(String tenantId, String actor, String action, String targetPrefix, Instant from, Instant to,
                      Long beforeSeq, int limit) {
    }
}
