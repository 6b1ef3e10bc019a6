package dev.moat.watermarking;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.NotFound;
import dev.moat.platform.SecretBox;
import dev.moat.tenant.TenantChanged;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantRepository;
import dev.moat.watermark.LexicalKey;
import dev.moat.watermark.Watermarker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tenants' watermarking: settings, secrets (generated here, sealed, never shown) and fingerprints. */
@ApplicationScoped
@Transactional
public class WatermarkService {

    private static final int SECRET_BYTES = 32;

    private final WatermarkRepository watermarks;
    private final TenantRepository tenants;
    private final SecretBox box;
    private final Clock clock;
    private final Event<TenantChanged> changes;
    private final Event<AuditedChange> audit;
    private final SecureRandom random = new SecureRandom();

    /** For CDI's client proxy only. */
    protected WatermarkService() {
        this(null, null, null, null, null, null);
    }

    @Inject
    public WatermarkService(WatermarkRepository watermarks, TenantRepository tenants, SecretBox box, Clock clock,
                            Event<TenantChanged> changes, Event<AuditedChange> audit) {
        this.watermarks = watermarks;
        this.tenants = tenants;
        this.box = box;
        this.clock = clock;
        this.changes = changes;
        this.audit = audit;
    }

    /** A tenant's settings and its secret versions (dates only). */
    public record TenantWatermark(WatermarkSettings settings, int secretVersion, List<SecretVersion> secretVersions) {
    }

    public record SecretVersion(int version, Instant createdAt, int strength) {
    }

    /** One secret version in clear, for verification only. */
    public record VerificationSecret(TenantId tenant, int version, byte[] secret, double strength) {
        @Override
        public String toString() {
            return "VerificationSecret[" + tenant + " v" + version + "]";
        }
    }

    public TenantWatermark read(TenantId tenant) {
        requireTenant(tenant);
        return view(tenant, watermarks.policy(tenant).orElse(null));
    }

    /**
     * Replaces the tenant's settings, in force from the next request; creates the first secret when watermarking
     * is first turned on, and a new version when {@code rotateSecret} or when the strength changes (a version marks
     * at one strength, so verification scores exactly its positions); older versions stay for verification.
     */
    public TenantWatermark replace(TenantId tenant, WatermarkSettings settings, boolean rotateSecret) {
        requireTenant(tenant);
        WatermarkPolicy policy = watermarks.policy(tenant).orElse(null);
        WatermarkSettings before = policy == null ? WatermarkSettings.OFF : policy.settings();
        int versionBefore = policy == null ? 0 : policy.secretVersion();
        int version = versionBefore;
        boolean newStrength = version > 0 && secretRow(tenant, version).strength() != settings.strength();
        if (version == 0 && settings.anyOn() || rotateSecret || newStrength) {
            version = newSecret(tenant, settings.strength());
        }
        if (policy == null) {
            watermarks.add(new WatermarkPolicy(tenant, settings, version));
        } else {
            policy.replaceWith(settings);
            policy.useSecretVersion(version);
        }
        changes.fire(new TenantChanged(tenant));
        audit.fire(new AuditedChange(rotateSecret ? "watermark.rotated" : "watermark.replaced", "tenant:" + tenant,
                tenant.value(), state(before, versionBefore), state(settings, version)));
        return read(tenant);
    }

    /** The watermarking of one key's answers; null when none. */
    public Watermarking forKey(TenantId tenant, String keyId) {
        WatermarkPolicy policy = watermarks.policy(tenant).orElse(null);
        if (policy == null || policy.secretVersion() == 0) {
            return null;
        }
        WatermarkSettings settings = policy.settings();
        boolean lexical = settings.lexicalFor(keyId);
        boolean invisible = settings.invisibleFor(keyId);
        if (!lexical && !invisible) {
            return null;
        }
        WatermarkSecret row = secretRow(tenant, policy.secretVersion());
        byte[] secret = Base64.getDecoder().decode(box.open(row.sealed()));
        return new Watermarking(tenant.value(), keyId, policy.secretVersion(),
                lexical ? new LexicalKey(secret, row.strength() / 100.0) : null,
                invisible ? MarkPayload.of(tenant.value(), keyId, secret, policy.secretVersion()) : null);
    }

    /** Every secret version of every tenant, or of one tenant. */
    public List<VerificationSecret> verificationSecrets(Optional<TenantId> only) {
        List<WatermarkSecret> secrets = only.map(watermarks::secrets).orElseGet(watermarks::allSecrets);
        return secrets.stream().map(s -> new VerificationSecret(s.tenant(), s.version(),
                Base64.getDecoder().decode(box.open(s.sealed())), s.strength() / 100.0)).toList();
    }

    /** Tags of the positions marked in the newest answers under one secret version ("known outputs"). */
    public Set<Integer> knownTags(TenantId tenant, int version, int maxAnswers) {
        Set<Integer> tags = new HashSet<>();
        for (WatermarkRecord record : watermarks.records(tenant, version, maxAnswers)) {
            for (int tag : Watermarker.Fingerprint.tags(record.positionTags())) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** Answers served with exactly this text. */
    public List<WatermarkRecord> answersWithText(String sha256) {
        return watermarks.recordsWithText(sha256, 20);
    }

    public void store(List<WatermarkRecord> records) {
        records.forEach(watermarks::add);
    }

    private WatermarkSecret secretRow(TenantId tenant, int version) {
        return watermarks.secrets(tenant).stream().filter(s -> s.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("watermark secret v" + version + " of " + tenant + " is missing"));
    }

    private int newSecret(TenantId tenant, int strength) {
        int version = watermarks.secrets(tenant).stream().mapToInt(WatermarkSecret::version).max().orElse(0) + 1;
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        watermarks.add(new WatermarkSecret(tenant, version, box.seal(Base64.getEncoder().encodeToString(secret)),
                clock.instant(), strength));
        return version;
    }

    private TenantWatermark view(TenantId tenant, WatermarkPolicy policy) {
        List<SecretVersion> versions = watermarks.secrets(tenant).stream()
                .map(s -> new SecretVersion(s.version(), s.createdAt(), s.strength())).toList();
        return policy == null ? new TenantWatermark(WatermarkSettings.OFF, 0, versions)
                : new TenantWatermark(policy.settings(), policy.secretVersion(), versions);
    }

    private static JsonObject state(WatermarkSettings settings, int secretVersion) {
        return AuditedChange.state("lexical", settings.lexical(), "invisible", settings.invisible(),
                "strength", settings.strength(), "keyOverrides", WatermarkSettings.overridesJson(settings.keyOverrides()),
                "secretVersion", secretVersion);
    }

    private void requireTenant(TenantId tenant) {
        if (tenants.find(tenant).isEmpty()) {
            throw new NotFound("No tenant '" + tenant + "'");
        }
    }
}
