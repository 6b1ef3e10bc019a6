package dev.moat.geo;

import dev.moat.domain.NotFound;
import dev.moat.tenant.TenantChanged;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Tenants' geo-fences; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class GeoPolicyService {

    private final GeoPolicyRepository policies;
    private final TenantRepository tenants;
    private final Event<TenantChanged> changes;

    /** For CDI's client proxy only. */
    protected GeoPolicyService() {
        this(null, null, null);
    }

    @Inject
    public GeoPolicyService(GeoPolicyRepository policies, TenantRepository tenants, Event<TenantChanged> changes) {
        this.policies = policies;
        this.tenants = tenants;
        this.changes = changes;
    }

    /** The tenant's geo-fence; the open default when it never set one. */
    public GeoRules rules(TenantId tenant) {
        requireTenant(tenant);
        return policies.find(tenant).map(GeoPolicy::rules).orElse(GeoRules.OPEN);
    }

    /** Replaces the tenant's geo-fence, in force from the next request. */
    public GeoRules replace(TenantId tenant, GeoRules rules) {
        requireTenant(tenant);
        policies.find(tenant).ifPresentOrElse(policy -> policy.replaceWith(rules),
                () -> policies.add(new GeoPolicy(tenant, rules)));
        changes.fire(new TenantChanged(tenant));
        return rules;
    }

    private void requireTenant(TenantId tenant) {
        if (tenants.find(tenant).isEmpty()) {
            throw new NotFound("No tenant '" + tenant + "'");
        }
    }
}
