package dev.moat.key;

import dev.moat.domain.NotFound;
import dev.moat.geo.GeoPolicy;
import dev.moat.geo.GeoPolicyRepository;
import dev.moat.geo.GeoRules;
import dev.moat.net.Cidr;
import dev.moat.platform.SecretBox;
import dev.moat.watermarking.WatermarkService;
import dev.moat.ratelimit.Limits;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantRepository;
import dev.moat.domain.AuditedChange;
import dev.moat.ratelimit.LimitsState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Use cases on API keys; each public method is one transaction. Plain secrets leave only in {@link IssuedKey}. */
@ApplicationScoped
@Transactional
public class KeyService {

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final GeoPolicyRepository geoPolicies;
    private final SecretBox sealedSecrets;
    private final ApiKeySecrets secrets;
    private final KeySettings settings;
    private final Clock clock;
    private final Event<KeyChanged> changes;
    private final Event<AuditedChange> audit;
    private final WatermarkService watermarks;
    private final SecureRandom random = new SecureRandom();

    /** For CDI's client proxy only. */
    protected KeyService() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    @Inject
    public KeyService(ApiKeyRepository keys, TenantRepository tenants, GeoPolicyRepository geoPolicies,
                      SecretBox sealedSecrets, ApiKeySecrets secrets, KeySettings settings, Clock clock,
                      Event<KeyChanged> changes, Event<AuditedChange> audit, WatermarkService watermarks) {
        this.keys = keys;
        this.tenants = tenants;
        this.geoPolicies = geoPolicies;
        this.sealedSecrets = sealedSecrets;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.changes = changes;
        this.audit = audit;
        this.watermarks = watermarks;
    }

    /** What an administrator asks for when creating a key. */
    public record NewKey(String name, List<String> allowedModels, List<Cidr> ipAllowList, Instant expiresAt,
                         Limits limits) {
        public NewKey {
            allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
            ipAllowList = ipAllowList == null ? List.of() : List.copyOf(ipAllowList);
            limits = Limits.orNone(limits);
        }
    }

    /**
     * A key together with its full plain text and its request-signing secret, which exist only in this answer
     * ({@code signingSecret} only when a key is created: rotation keeps it).
     */
    public record IssuedKey(ApiKey key, String plainText, String signingSecret) {
        @Override
        public String toString() {
            return "IssuedKey[" + key.id() + "]";
        }
    }

    public IssuedKey issue(TenantId tenant, NewKey request, String createdBy) {
        if (tenants.find(tenant).isEmpty()) {
            throw new NotFound("No tenant '" + tenant + "'");
        }
        KeyId id = freshId();
        ApiKeySecrets.PlainKey plain = secrets.newKey(id);
        ApiKey key = new ApiKey(id, tenant, request.name(), request.allowedModels(), request.ipAllowList(),
                request.expiresAt(), secrets.hash(plain.secret()), createdBy, clock.instant());
        key.limitTo(request.limits());
        String signingSecret = secrets.newKey(id).secret();
        key.useSealedSigningSecret(sealedSecrets.seal(signingSecret));
        keys.add(key);
        changes.fire(new KeyChanged(id));
        audited("key.issued", null, key);
        return new IssuedKey(key, plain.toString(), signingSecret);
    }

    /** A new secret; the old one keeps working for the configured grace period. */
    public IssuedKey rotate(KeyId id) {
        ApiKey key = existing(id);
        JsonObject before = state(key);
        ApiKeySecrets.PlainKey plain = secrets.newKey(id);
        key.rotate(secrets.hash(plain.secret()), clock.instant(), settings.rotationGrace());
        changes.fire(new KeyChanged(id));
        audited("key.rotated", before, key);
        return new IssuedKey(key, plain.toString(), null);
    }

    public ApiKey revoke(KeyId id) {
        ApiKey key = existing(id);
        JsonObject before = state(key);
        key.revoke(clock.instant());
        changes.fire(new KeyChanged(id));
        audited("key.revoked", before, key);
        return key;
    }

    /** New rate and token limits for the key, in force from its next request. */
    public ApiKey limit(KeyId id, Limits limits) {
        ApiKey key = existing(id);
        JsonObject before = state(key);
        key.limitTo(limits);
        changes.fire(new KeyChanged(id));
        audited("key.limited", before, key);
        return key;
    }

    /**
     * Declares the key the tenant's own workload, for the reason given (null withdraws it): from its next request
     * on, behavioural detection opens no case for it and links it into no campaign.
     */
    public ApiKey declareOwnWorkload(KeyId id, String reason) {
        ApiKey key = existing(id);
        JsonObject before = state(key);
        key.declareOwnWorkload(reason);
        changes.fire(new KeyChanged(id));
        audited(reason == null ? "key.own-workload-withdrawn" : "key.own-workload-declared", before, key);
        return key;
    }

    public ApiKey find(KeyId id) {
        return existing(id);
    }

    /** What the gateway keeps in memory about a key; empty for an unknown id. */
    public Optional<KeySnapshot> snapshot(KeyId id) {
        Instant now = clock.instant();
        return keys.find(id).map(key -> {
            Tenant tenant = tenants.find(key.tenant()).orElseThrow();
            return KeySnapshot.of(key, tenant, tenant.sealedUpstreamApiKey().map(sealedSecrets::open).orElse(null),
                    key.sealedSigningSecret().map(sealedSecrets::open).orElse(null),
                    geoPolicies.find(key.tenant()).map(GeoPolicy::rules).orElse(GeoRules.OPEN),
                    watermarks.forKey(key.tenant(), key.id().value()), now);
        });
    }

    /** The ids of all keys: what the gateway checks before it looks a presented key up. */
    public Set<KeyId> allIds() {
        return keys.allIds().stream().map(KeyId::new).collect(Collectors.toUnmodifiableSet());
    }

    public List<ApiKey> list(TenantId tenant) {
        if (tenants.find(tenant).isEmpty()) {
            throw new NotFound("No tenant '" + tenant + "'");
        }
        return keys.findByTenant(tenant);
    }

    private void audited(String action, JsonObject before, ApiKey key) {
        audit.fire(new AuditedChange(action, "key:" + key.id(), key.tenant().value(), before, state(key)));
    }

    /** A key as the audit log keeps it: settings and status, never a secret or hash. */
    private JsonObject state(ApiKey key) {
        Instant now = clock.instant();
        return AuditedChange.state("name", key.name(), "status", key.status(now).name().toLowerCase(),
                "allowedModels", key.allowedModels(), "ipAllowList", key.ipAllowList(),
                "expiresAt", key.expiresAt().orElse(null), "rotatedAt", key.rotatedAt().orElse(null),
                "limits", LimitsState.of(key.limits()), "ownWorkload", key.ownWorkload().orElse(null));
    }

    private ApiKey existing(KeyId id) {
        return keys.find(id).orElseThrow(() -> new NotFound("No key '" + id + "'"));
    }

    private KeyId freshId() {
        KeyId id = KeyId.random(random);
        while (keys.find(id).isPresent()) {
            id = KeyId.random(random);
        }
        return id;
    }
}
