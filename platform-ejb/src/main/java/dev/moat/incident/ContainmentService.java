package dev.moat.incident;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.geo.GeoPolicyService;
import dev.moat.geo.GeoRules;
import dev.moat.geo.GeoRules.CountryMode;
import dev.moat.idempotency.IdempotencyService;
import dev.moat.key.ApiKey;
import dev.moat.key.KeyId;
import dev.moat.key.KeyService;
import dev.moat.net.Cidr;
import dev.moat.ratelimit.Limits;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import dev.moat.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Containment taken from a case: revoking or limiting a key, denying a country or an autonomous system to the
 * case's tenant. Each action is made by the service that owns it (and audited there) and recorded on the case's
 * timeline, in one transaction.
 */
@ApplicationScoped
@Transactional
public class ContainmentService {


    private final IncidentService cases;
    private final IncidentRepository incidents;
    private final KeyService keys;
    private final GeoPolicyService geoPolicies;
    private final CurrentCaller caller;
    private final Clock clock;
    private final IdempotencyService idempotency;

    /** For CDI's client proxy only. */
    protected ContainmentService() {
        this(null, null, null, null, null, null, null);
    }

    @Inject
    public ContainmentService(IncidentService cases, IncidentRepository incidents, KeyService keys,
                              GeoPolicyService geoPolicies, CurrentCaller caller, Clock clock,
                              IdempotencyService idempotency) {
        this.idempotency = idempotency;
        this.cases = cases;
        this.incidents = incidents;
        this.keys = keys;
        this.geoPolicies = geoPolicies;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Runs one of the actions below once per Idempotency-Key, in one transaction: a retried request changes
     * nothing more and leaves no second line on the timeline.
     */
    public void once(IncidentId id, String idempotencyKey, String requestHash, Consumer<ContainmentService> action) {
        MoatPrincipal operator = caller.principal().requireOneOf(Role.OPERATORS,
                "Only platform admins and security operators contain");
        idempotency.once(new IdempotencyService.Request(operator.subject(), "containment:" + id, idempotencyKey,
                requestHash), () -> {
            action.accept(this);
            return id.toString();
        });
    }

    public void revokeKey(IncidentId id, KeyId keyId) {
        Incident incident = containable(id);
        keyOfCase(incident, keyId);
        keys.revoke(keyId);
        record(incident, "Revoked key " + keyId);
    }

    public void limitKey(IncidentId id, KeyId keyId, Limits limits) {
        Incident incident = containable(id);
        keyOfCase(incident, keyId);
        keys.limit(keyId, limits);
        record(incident, "Limited key " + keyId + " to " + limits.describe());
    }

    /** Keeps the country out: off an allow-list, onto a deny-list, or a new deny-list when there was no fence. */
    public void denyCountry(IncidentId id, String country) {
        Incident incident = containable(id);
        TenantId tenant = tenantOf(incident);
        String code = new Observable(Observable.Kind.COUNTRY, country).value();
        GeoRules rules = geoPolicies.rules(tenant);
        Set<String> countries = new HashSet<>(rules.countries());
        CountryMode mode = rules.countryMode();
        if (mode == CountryMode.ALLOW_LISTED) {
            countries.remove(code);
            if (countries.isEmpty()) {
                throw new DomainRuleViolation("denying " + code + " would empty the tenant's allow-list and lock "
                        + "everyone out; edit the geo policy instead");
            }
        } else {
            mode = CountryMode.DENY_LISTED;
            countries.add(code);
        }
        geoPolicies.replace(tenant, rules.withCountries(mode, countries));
        record(incident, "Denied country " + code + " to tenant " + tenant);
    }

    public void denyAsn(IncidentId id, String asn) {
        Incident incident = containable(id);
        TenantId tenant = tenantOf(incident);
        long number = Long.parseLong(new Observable(Observable.Kind.ASN, asn).value().substring(2));
        GeoRules rules = geoPolicies.rules(tenant);
        Set<Long> denied = new HashSet<>(rules.deniedAsns());
        denied.add(number);
        geoPolicies.replace(tenant, rules.withDeniedAsns(denied));
        record(incident, "Denied AS" + number + " to tenant " + tenant);
    }

    /** Keeps a network out (a single address counts as a network of one). */
    public void denyNetwork(IncidentId id, String network) {
        Incident incident = containable(id);
        TenantId tenant = tenantOf(incident);
        String range = Cidr.parse(network).toString();
        GeoRules rules = geoPolicies.rules(tenant);
        Set<String> denied = new HashSet<>(rules.deniedNetworks());
        denied.add(range);
        geoPolicies.replace(tenant, rules.withDeniedNetworks(denied));
        record(incident, "Denied network " + range + " to tenant " + tenant);
    }

    private Incident containable(IncidentId id) {
        caller.principal().requireOneOf(Role.OPERATORS, "Only platform admins and security operators contain");
        return cases.find(id);
    }

    /** A case about a tenant may touch only that tenant's keys. */
    private void keyOfCase(Incident incident, KeyId keyId) {
        ApiKey key = keys.find(keyId);
        if (incident.tenantId() != null && !incident.tenantId().equals(key.tenant().value())) {
            throw new DomainRuleViolation("key " + keyId + " belongs to another tenant than " + incident.id());
        }
    }

    private static TenantId tenantOf(Incident incident) {
        if (incident.tenantId() == null) {
            throw new DomainRuleViolation(incident.id() + " is about no tenant, so it has no deny-list to add to");
        }
        return new TenantId(incident.tenantId());
    }

    private void record(Incident incident, String action) {
        Instant now = clock.instant();
        MoatPrincipal operator = caller.principal();
        incidents.append(new TimelineEntry(incident.id(), now, operator.userName(), TimelineEntry.Kind.CONTAINMENT,
                action));
        incident.touch(now);
    }
}
