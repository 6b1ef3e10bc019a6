package dev.moat.tenant;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.platform.SecretBox;
import dev.moat.ratelimit.Limits;
import dev.moat.ratelimit.LimitsState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use cases on tenants; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class TenantService {

    /** Sealed (AES-GCM, base64) it still fits the column of 2,000 characters; real keys and tokens are far shorter. */
    private static final int MAX_UPSTREAM_API_KEY_BYTES = 1_400;

    private final TenantRepository tenants;
    private final Clock clock;
    private final Event<TenantChanged> changes;
    private final SecretBox secrets;
    private final Event<AuditedChange> audit;

    /** For CDI's client proxy only. */
    protected TenantService() {
        this(null, null, null, null, null);
    }

    @Inject
    public TenantService(TenantRepository tenants, Clock clock, Event<TenantChanged> changes, SecretBox secrets,
                         Event<AuditedChange> audit) {
        this.tenants = tenants;
        this.clock = clock;
        this.changes = changes;
        this.secrets = secrets;
        this.audit = audit;
    }

    /**
     * A change to a tenant's settings; {@code null} fields stay as they are. An empty {@code upstreamApiKey}
     * removes the key; timeouts of zero return to the gateway's defaults.
     */
    public record TenantChange(String name, URI upstreamBaseUrl, String upstreamApiKey, Duration connectTimeout,
                               Duration readTimeout, Boolean requireRequestSigning) {
        @Override
        public String toString() {
            return "TenantChange[name=" + name + ", upstreamBaseUrl=" + upstreamBaseUrl + ", upstreamApiKey="
                    + (upstreamApiKey == null ? "unchanged" : "****") + "]";
        }
    }

    public Tenant update(TenantId id, TenantChange change) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> new NotFound("No tenant '" + id + "'"));
        JsonObject before = state(tenant);
        if (change.name() != null) {
            tenant.rename(change.name());
        }
        if (change.upstreamBaseUrl() != null) {
            tenant.pointTo(change.upstreamBaseUrl());
        }
        if (change.upstreamApiKey() != null) {
            tenant.useSealedUpstreamApiKey(sealed(change.upstreamApiKey()));
        }
        if (change.connectTimeout() != null || change.readTimeout() != null) {
            tenant.timeOutAfter(
                    defaultWhenZero(change.connectTimeout(), tenant.upstreamConnectTimeout().orElse(null)),
                    defaultWhenZero(change.readTimeout(), tenant.upstreamReadTimeout().orElse(null)));
        }
        if (change.requireRequestSigning() != null) {
            tenant.requireRequestSigning(change.requireRequestSigning());
        }
        changes.fire(new TenantChanged(id));
        audit.fire(new AuditedChange("tenant.updated", "tenant:" + id, id.value(), before, state(tenant)));
        return tenant;
    }

    private static Duration defaultWhenZero(Duration requested, Duration current) {
        if (requested == null) {
            return current;
        }
        return requested.isZero() ? null : requested;
    }

    public Tenant create(TenantId id, String name, URI upstreamBaseUrl) {
        return create(id, name, upstreamBaseUrl, null);
    }

    /** @param upstreamApiKey the key the model server wants, or {@code null}; Moat stores it sealed */
    public Tenant create(TenantId id, String name, URI upstreamBaseUrl, String upstreamApiKey) {
        if (tenants.find(id).isPresent()) {
            throw new TenantAlreadyExistsException(id);
        }
        Tenant tenant = new Tenant(id, name, upstreamBaseUrl, clock.instant());
        if (upstreamApiKey != null) {
            tenant.useSealedUpstreamApiKey(sealed(upstreamApiKey));
        }
        tenants.add(tenant);
        audit.fire(new AuditedChange("tenant.created", "tenant:" + id, id.value(), null, state(tenant)));
        return tenant;
    }

    /** The key sealed, or null for a blank one; a key too long for its column is refused, not cut. */
    private String sealed(String upstreamApiKey) {
        if (upstreamApiKey.isBlank()) {
            return null;
        }
        String key = upstreamApiKey.strip();
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_UPSTREAM_API_KEY_BYTES) {
            throw new DomainRuleViolation("upstream API key must be at most " + MAX_UPSTREAM_API_KEY_BYTES + " bytes");
        }
        return secrets.seal(key);
    }

    /** New rate and token limits for all of the tenant's keys together, in force from the next request. */
    public Tenant limit(TenantId id, Limits limits) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> new NotFound("No tenant '" + id + "'"));
        JsonObject before = LimitsState.of(tenant.limits());
        tenant.limitTo(limits);
        changes.fire(new TenantChanged(id));
        audit.fire(new AuditedChange("tenant.limited", "tenant:" + id, id.value(), before,
                LimitsState.of(tenant.limits())));
        return tenant;
    }

    /** A tenant as the audit log keeps it: whether it has an upstream API key, never the key. */
    private static JsonObject state(Tenant tenant) {
        return AuditedChange.state("name", tenant.name(), "upstreamBaseUrl", tenant.upstreamBaseUrl(),
                "hasUpstreamApiKey", tenant.sealedUpstreamApiKey().isPresent(),
                "upstreamConnectTimeout", tenant.upstreamConnectTimeout().orElse(null),
                "upstreamReadTimeout", tenant.upstreamReadTimeout().orElse(null),
                "requireRequestSigning", tenant.requiresRequestSigning());
    }

    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }

    public List<Tenant> list() {
        return tenants.findAll();
    }
}
