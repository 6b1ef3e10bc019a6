package dev.moat.key;

import dev.moat.tenant.TenantChanged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks presented API keys on the gateway's path. Keys are read from the database once and then served from
 * memory; a change to a key (rotation, revocation) drops its copy as soon as the change commits, so it holds
 * from the next request on. Unknown ids and wrong secrets cost the same work and get the same answer: the ids
 * of all keys are held in memory, so an unknown id is answered without a database query (which would both
 * take longer and put a flood of made-up ids on the database). The id set is reloaded every minute for keys
 * issued on other nodes; until it has loaded once (20 s after start), ids are looked up in the database.
 */
@ApplicationScoped
public class KeyAuthenticator {

    private static final Logger LOG = Logger.getLogger(KeyAuthenticator.class.getName());
    private static final long FIRST_LOAD_SECONDS = 20;
    private static final Optional<KeySnapshot> UNKNOWN = Optional.empty();

    private final KeyService keys;
    private final ApiKeySecrets secrets;
    private final Clock clock;
    private final ConcurrentMap<KeyId, KeySnapshot> cache = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final String decoyHash;
    private volatile Set<KeyId> knownIds;
    private ScheduledFuture<?> reloading;

    @Resource
    private ManagedScheduledExecutorService scheduler;

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

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Not at once: the schema is migrated while the application starts, and the pool must not be opened
        // before (on H2 that opens the database file a second time).
        reloading = scheduler.scheduleWithFixedDelay(this::reloadIds, FIRST_LOAD_SECONDS, 60, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (reloading != null) {
            reloading.cancel(false);
        }
    }

    /** A periodic task that throws is never run again, so a database outage is only logged. */
    private void reloadIds() {
        try {
            Set<KeyId> loaded = ConcurrentHashMap.newKeySet();
            long changesBefore = changes.get();
            loaded.addAll(keys.allIds());
            if (changes.get() == changesBefore) { // else a new key may be missing: the next reload has it
                knownIds = loaded;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not reload the API key ids; trying again in a minute", e);
        }
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
        Set<KeyId> ids = knownIds;
        if (ids != null && !ids.contains(id)) {
            return null;
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
        Set<KeyId> ids = knownIds;
        if (ids != null) {
            ids.add(change.id());
        }
    }

    void forgetKeysOf(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged change) {
        changes.incrementAndGet();
        cache.values().removeIf(key -> key.tenantId().equals(change.id().value()));
    }
}
