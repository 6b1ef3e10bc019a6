package dev.moat.geo;

import dev.moat.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's stored geo-fence; {@link GeoRules} is its immutable form for the gateway. */
@Entity
@Table(name = "geo_policy")
public class GeoPolicy {

    @Id
    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "country_mode", nullable = false, length = 20)
    private GeoRules.CountryMode countryMode;

    @Column(name = "countries", nullable = false, length = 2000)
    private String countries;

    @Column(name = "denied_asns", nullable = false, length = 2000)
    private String deniedAsns;

    @Column(name = "deny_anonymous", nullable = false)
    private boolean denyAnonymous;

    @Column(name = "deny_hosting", nullable = false)
    private boolean denyHosting;

    @Column(name = "deny_unknown_location", nullable = false)
    private boolean denyUnknownLocation;

    @Column(name = "impossible_travel_kmh")
    private Integer impossibleTravelKmh;

    @Column(name = "block_impossible_travel", nullable = false)
    private boolean blockImpossibleTravel;

    @Column(name = "denied_networks", nullable = false, length = 4000)
    private String deniedNetworks;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected GeoPolicy() {
    }

    public GeoPolicy(TenantId tenant, GeoRules rules) {
        this.tenantId = tenant.value();
        replaceWith(rules);
    }

    public void replaceWith(GeoRules rules) {
        countryMode = rules.countryMode();
        countries = String.join(",", rules.countries().stream().sorted().toList());
        deniedAsns = rules.deniedAsns().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        denyAnonymous = rules.denyAnonymous();
        denyHosting = rules.denyHosting();
        denyUnknownLocation = rules.denyUnknownLocation();
        impossibleTravelKmh = rules.impossibleTravelKmh();
        blockImpossibleTravel = rules.blockImpossibleTravel();
        deniedNetworks = String.join(",", rules.deniedNetworks().stream().sorted().toList());
    }

    public GeoRules rules() {
        return new GeoRules(countryMode, split(countries), split(deniedAsns).stream().map(Long::valueOf)
                .collect(Collectors.toUnmodifiableSet()), denyAnonymous, denyHosting, denyUnknownLocation,
                impossibleTravelKmh, blockImpossibleTravel, split(deniedNetworks));
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : Arrays.stream(joined.split(",")).collect(Collectors.toUnmodifiableSet());
    }
}
