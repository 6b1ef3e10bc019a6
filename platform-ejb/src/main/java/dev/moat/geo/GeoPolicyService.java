package dev.moat.geo;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.NotFound;
import dev.moat.tenant.TenantChanged;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/** Tenants' geo-fences; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class GeoPolicyService {

    private final GeoPolicyRepository policies;
    private final TenantRepository tenants;
    private final Event<TenantChanged> changes;
    private final Event<AuditedChange> audit;

    /** For CDI's client proxy only. */
    protected GeoPolicyService() {
        this(null, null, null, null);
    }

    @Inject
    public GeoPolicyService(GeoPolicyRepository policies, TenantRepository tenants, Event<TenantChanged> changes,
                            Event<AuditedChange> audit) {
        this.policies = policies;
        this.tenants = tenants;
        this.changes = changes;
        this.audit = audit;
    }

    /** The tenant's geo-fence; the open default when it never set one. */
    public GeoRules rules(TenantId tenant) {
        requireTenant(tenant);
        return policies.find(tenant).map(GeoPolicy::rules).orElse(GeoRules.OPEN);
    }

    /** Replaces the tenant's geo-fence, in force from the next request. */
    public GeoRules replace(TenantId tenant, GeoRules rules) {
        requireTenant(tenant);
        GeoRules before = policies.find(tenant).map(GeoPolicy::rules).orElse(GeoRules.OPEN);
        policies.find(tenant).ifPresentOrElse(policy -> policy.replaceWith(rules),
                () -> policies.add(new GeoPolicy(tenant, rules)));
        changes.fire(new TenantChanged(tenant));
        audit.fire(new AuditedChange("geo-policy.replaced", "tenant:" + tenant, tenant.value(), state(before),
                state(rules)));
        return rules;
    }

    private static JsonObject state(GeoRules rules) {
        return AuditedChange.state("countryMode", rules.countryMode(), "countries", rules.countries().stream().sorted()
                        .toList(), "deniedAsns", rules.deniedAsns().stream().sorted().toList(),
                "denyAnonymous", rules.denyAnonymous(), "denyHosting", rules.denyHosting(),
                "denyUnknownLocation", rules.denyUnknownLocation(), "impossibleTravelKmh", rules.impossibleTravelKmh(),
                "blockImpossibleTravel", rules.blockImpossibleTravel(),
                "deniedNetworks", rules.deniedNetworks().stream().sorted().toList());
    }

    private void requireTenant(TenantId tenant) {
        if (tenants.find(tenant).isEmpty()) {
            throw new NotFound("No tenant '" + tenant + "'");
        }
    }
}
