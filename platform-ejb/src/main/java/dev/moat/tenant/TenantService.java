package dev.moat.tenant;

import dev.moat.domain.NotFound;
import dev.moat.ratelimit.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Use cases on tenants; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class TenantService {

    private final TenantRepository tenants;
    private final Clock clock;
    private final Event<TenantChanged> changes;

    /** For CDI's client proxy only. */
    protected TenantService() {
        this(null, null, null);
    }

    @Inject
    public TenantService(TenantRepository tenants, Clock clock, Event<TenantChanged> changes) {
        this.tenants = tenants;
        this.clock = clock;
        this.changes = changes;
    }

    public Tenant create(TenantId id, String name, URI upstreamBaseUrl) {
        if (tenants.find(id).isPresent()) {
            throw new TenantAlreadyExistsException(id);
        }
        Tenant tenant = new Tenant(id, name, upstreamBaseUrl, clock.instant());
        tenants.add(tenant);
        return tenant;
    }

    /** New rate and token limits for all of the tenant's keys together, in force from the next request. */
    public Tenant limit(TenantId id, Limits limits) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> new NotFound("No tenant '" + id + "'"));
        tenant.limitTo(limits);
        changes.fire(new TenantChanged(id));
        return tenant;
    }

    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }

    public List<Tenant> list() {
        return tenants.findAll();
    }
}
