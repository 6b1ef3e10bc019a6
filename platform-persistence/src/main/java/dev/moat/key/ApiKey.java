package dev.moat.key;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.net.Cidr;
import dev.moat.tenant.TenantId;
import dev.moat.ratelimit.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key of a tenant. Only keyed hashes of its secrets are stored; after a rotation the previous secret
 * stays valid until its grace period ends.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

    private static final String LIST_SEPARATOR = ",";
    public static final int MAX_OWN_WORKLOAD = 200;
    /** The columns' sizes. */
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_LIST_LENGTH = 2000;

    @Id
    @Column(name = "id", length = 12)
    private String id;

    @Column(name = "tenant_id", nullable = false, length = 63)
    private String tenantId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "allowed_models", nullable = false, length = 2000)
    private String allowedModels;

    @Column(name = "ip_allow_list", nullable = false, length = 2000)
    private String ipAllowList;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "previous_secret_hash", length = 64)
    private String previousSecretHash;

    @Column(name = "previous_secret_valid_until")
    private Instant previousSecretValidUntil;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "own_workload", length = MAX_OWN_WORKLOAD)
    private String ownWorkload;

    @Column(name = "signing_secret_sealed", length = 2000)
    private String signingSecretSealed;

    @Embedded
    private Limits limits;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected ApiKey() {
    }

    public ApiKey(KeyId id, TenantId tenant, String name, List<String> allowedModels, List<Cidr> ipAllowList,
                  Instant expiresAt, String secretHash, String createdBy, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id").value();
        this.tenantId = Objects.requireNonNull(tenant, "tenant").value();
        if (name == null || name.isBlank()) {
            throw new DomainRuleViolation("key name must not be blank");
        }
        this.name = fitting(name.strip(), MAX_NAME_LENGTH, "key name");
        if (allowedModels.stream().anyMatch(Objects::isNull)) {
            throw new DomainRuleViolation("an allowed model must not be null");
        }
        this.allowedModels = fitting(joined(allowedModels.stream().map(String::strip).filter(m -> !m.isEmpty())
                .toList()), MAX_LIST_LENGTH, "the allowed models together");
        this.ipAllowList = fitting(joined(ipAllowList.stream().map(Cidr::toString).toList()), MAX_LIST_LENGTH,
                "the IP allow-list together");
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new DomainRuleViolation("a key must expire after its creation");
        }
        this.expiresAt = expiresAt;
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public KeyId id() {
        return new KeyId(id);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String name() {
        return name;
    }

    /** Empty: every model of the tenant's upstream. */
    public List<String> allowedModels() {
        return split(allowedModels);
    }

    /** Empty: any client address. */
    public List<Cidr> ipAllowList() {
        return split(ipAllowList).stream().map(Cidr::parse).toList();
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<Instant> rotatedAt() {
        return Optional.ofNullable(rotatedAt);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String secretHash() {
        return secretHash;
    }

    /** The hash of the secret before the last rotation, while its grace period lasts. */
    public Optional<String> previousSecretHash(Instant now) {
        return previousSecretValidUntil != null && now.isBefore(previousSecretValidUntil)
                ? Optional.of(previousSecretHash) : Optional.empty();
    }

    public Optional<Instant> previousSecretValidUntil() {
        return Optional.ofNullable(previousSecretValidUntil);
    }

    public KeyStatus status(Instant now) {
        if (revokedAt != null) {
            return KeyStatus.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? KeyStatus.EXPIRED : KeyStatus.ACTIVE;
    }

    /** Replaces the secret; the old one keeps working for {@code grace}. */
    public void rotate(String newSecretHash, Instant now, Duration grace) {
        if (status(now) != KeyStatus.ACTIVE) {
            throw new DomainRuleViolation("only an active key can be rotated; this one is " + status(now));
        }
        previousSecretHash = secretHash;
        previousSecretValidUntil = now.plus(grace);
        secretHash = Objects.requireNonNull(newSecretHash, "newSecretHash");
        rotatedAt = now;
    }

    /** Ends the key for good; revoking twice changes nothing. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            previousSecretValidUntil = null;
        }
    }

    /** Refused, not cut: a name or list too long for its column. */
    private static String fitting(String value, int maxLength, String what) {
        if (value.length() > maxLength) {
            throw new DomainRuleViolation(what + " must take at most " + maxLength + " characters");
        }
        return value;
    }

    private static String joined(List<String> values) {
        return String.join(LIST_SEPARATOR, values);
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
    }

    public Limits limits() {
        return Limits.orNone(limits);
    }

    public void limitTo(Limits newLimits) {
        this.limits = newLimits == null || newLimits.equals(Limits.NONE) ? null : newLimits;
    }

    /**
     * Why an operator declared this key the tenant's own workload (an evaluation harness sweeps tasks as a
     * distiller does, and only its owner can say it is its own); empty when not declared.
     */
    public Optional<String> ownWorkload() {
        return Optional.ofNullable(ownWorkload);
    }

    /** Declares the key the tenant's own workload, for the reason given; null withdraws the declaration. */
    public void declareOwnWorkload(String reason) {
        if (reason == null) {
            ownWorkload = null;
            return;
        }
        if (reason.isBlank() || reason.strip().length() > MAX_OWN_WORKLOAD) {
            throw new DomainRuleViolation("the reason for declaring a key the tenant's own workload must be 1 to "
                    + MAX_OWN_WORKLOAD + " characters");
        }
        ownWorkload = reason.strip();
    }

    /** The secret for request signing, as sealed by Moat; empty for keys made before signing existed. */
    public Optional<String> sealedSigningSecret() {
        return Optional.ofNullable(signingSecretSealed);
    }

    public void useSealedSigningSecret(String sealed) {
        this.signingSecretSealed = sealed;
    }
}
