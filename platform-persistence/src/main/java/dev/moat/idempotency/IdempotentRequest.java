package dev.moat.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A POST already answered: a retry with the same Idempotency-Key gets the same result, never a second one. */
@Entity
@Table(name = "idempotent_request")
public class IdempotentRequest {

    @Id
    @Column(name = "caller_key", length = 500)
    private String callerKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(name = "result_id", nullable = false, length = 100)
    private String resultId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For JPA only. */
    protected IdempotentRequest() {
    }

    public IdempotentRequest(String callerKey, String requestHash, String resultId, Instant createdAt) {
        this.callerKey = callerKey;
        this.requestHash = requestHash;
        this.resultId = resultId;
        this.createdAt = createdAt;
    }

    public String requestHash() {
        return requestHash;
    }

    public String resultId() {
        return resultId;
    }
}
