package dev.moat.key;

import dev.moat.tenant.TenantChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks presented API keys on the gateway's path. Keys are read from the database once and then served from
 * memory; a change to a key (rotation, revocation) drops its copy as soon as the change commits, so it holds
 * from the next request on. Unknown ids and wrong secrets cost the same work and get the same answer.
 */
@ApplicationScoped
public class KeyAuthenticator {

    private static final Optional<KeySnapshot> UNKNOWN = Optional.empty();

    private final KeyService keys;
    private final ApiKeySecrets secrets;
    private final Clock clock;
    private final ConcurrentMap<KeyId, KeySnapshot> cache = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final String decoyHash;

    /** For CDI's client proxy only. */
    protected KeyAuthenticator() {
        this.keys = null;
        this.secrets = null;
        this.clock = null;
        this.decoyHash = null;
    }

    @Inject
    public KeyAuthenticator(KeyService keys, ApiKeySecrets secrets, Clock clock) {
        this.keys = keys;
        this.secrets = secrets;
        this.clock = clock;
        this.decoyHash = secrets.hash("no key has this secret");
    }

    /** The key behind a presented {@code moat_<keyId>_<secret>}, if it is genuine and usable now. */
    public Optional<KeySnapshot> authenticate(String presented) {
        Optional<ApiKeySecrets.PlainKey> parsed = ApiKeySecrets.parse(presented);
        if (parsed.isEmpty()) {
            secrets.hash("malformed");
            return UNKNOWN;
        }
        KeySnapshot key = known(parsed.get().id());
        String presentedHash = secrets.hash(parsed.get().secret());
        Instant now = clock.instant();
        if (key == null) {
            ApiKeySecrets.sameHash(presentedHash, decoyHash);
            return UNKNOWN;
        }
        boolean current = ApiKeySecrets.sameHash(presentedHash, key.secretHash());
        boolean previous = key.previousSecretHash() != null && now.isBefore(key.previousSecretValidUntil())
                && ApiKeySecrets.sameHash(presentedHash, key.previousSecretHash());
        return (current || previous) && key.isUsableAt(now) ? Optional.of(key) : UNKNOWN;
    }

    /**
     * The key's snapshot, or {@code null}. Unknown ids are not remembered, so random ids cannot fill the
     * memory. A snapshot loaded while some key changed is used once but not kept: it may predate the change.
     */
    private KeySnapshot known(KeyId id) {
        KeySnapshot cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        long changesBefore = changes.get();
        KeySnapshot loaded = keys.snapshot(id).orElse(null);
        if (loaded != null && changes.get() == changesBefore) {
            cache.put(id, loaded);
            if (changes.get() != changesBefore) {
                cache.remove(id);
            }
        }
        return loaded;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyChanged change) {
        changes.incrementAndGet();
        cache.remove(change.id());
    }

    void forgetKeysOf(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged change) {
        changes.incrementAndGet();
        cache.values().removeIf(key -> key.tenantId().equals(change.id().value()));
    }
}
