package dev.moat.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One request through the gateway, as it was decided and answered. Written once, never changed. */
@Entity
@Table(name = "usage_event")
public class UsageEvent {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "key_id", length = 12)
    private String keyId;

    @Column(name = "client_address", nullable = false, length = 45)
    private String clientAddress;

    @Column(name = "country", length = 2)
    private String country;

    @Column(name = "asn")
    private Long asn;

    @Column(name = "endpoint", nullable = false, length = 40)
    private String endpoint;

    @Column(name = "model", length = 200)
    private String model;

    @Column(name = "prompt_tokens", nullable = false)
    private long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private long completionTokens;

    @Column(name = "tokens_estimated", nullable = false)
    private boolean tokensEstimated;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMillis;

    @Column(name = "status", nullable = false)
    private int status;

    @Column(name = "decision", nullable = false, length = 40)
    private String decision;

    @Column(name = "findings", nullable = false, length = 2000)
    private String findings;

    /** For JPA only. */
    protected UsageEvent() {
    }

    /** What the gateway knows of a request once it is answered. */
    public record Facts(Instant occurredAt, String tenantId, String keyId, String clientAddress, String country,
                        Long asn, String endpoint, String model, long promptTokens, long completionTokens,
                        boolean tokensEstimated, long latencyMillis, int status, String decision, String findings) {
    }

    public UsageEvent(UUID id, Facts facts) {
        this.id = id.toString();
        this.occurredAt = facts.occurredAt();
        this.tenantId = facts.tenantId();
        this.keyId = facts.keyId();
        this.clientAddress = facts.clientAddress();
        this.country = facts.country();
        this.asn = facts.asn();
        this.endpoint = facts.endpoint();
        this.model = facts.model();
        this.promptTokens = facts.promptTokens();
        this.completionTokens = facts.completionTokens();
        this.tokensEstimated = facts.tokensEstimated();
        this.latencyMillis = facts.latencyMillis();
        this.status = facts.status();
        this.decision = facts.decision();
        this.findings = facts.findings() == null ? "" : facts.findings();
    }

    public String id() {
        return id;
    }

    public Facts facts() {
        return new Facts(occurredAt, tenantId, keyId, clientAddress, country, asn, endpoint, model, promptTokens,
                completionTokens, tokensEstimated, latencyMillis, status, decision, findings);
    }
}
