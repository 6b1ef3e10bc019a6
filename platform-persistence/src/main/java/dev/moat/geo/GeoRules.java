package dev.moat.geo;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.net.Cidr;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's geo-fence, immutable: which countries and networks may use its keys, and the speed beyond which
 * two uses of one key are impossible travel. Deciding is pure and allocation-free.
 */
public record GeoRules(CountryMode countryMode, Set<String> countries, Set<Long> deniedAsns, boolean denyAnonymous,
                       boolean denyHosting, boolean denyUnknownLocation, Integer impossibleTravelKmh,
                       boolean blockImpossibleTravel, Set<String> deniedNetworks) {

    /** Everything allowed, impossible travel flagged above 1,000 km/h. */
    public static final GeoRules OPEN = new GeoRules(CountryMode.ANY, Set.of(), Set.of(), false, false, false, 1000, false,
            Set.of());

    public enum CountryMode { ANY, ALLOW_LISTED, DENY_LISTED }

    public GeoRules {
        countries = countries == null ? Set.of() : countries.stream().map(GeoRules::countryCode)
                .collect(Collectors.toUnmodifiableSet());
        deniedAsns = deniedAsns == null ? Set.of() : Set.copyOf(deniedAsns);
        deniedNetworks = deniedNetworks == null ? Set.of() : deniedNetworks.stream()
                .map(network -> Cidr.parse(network).toString()).collect(Collectors.toUnmodifiableSet());
        if (String.join(",", deniedNetworks).length() > 4000) {
            throw new DomainRuleViolation("too many denied networks; deny wider ranges instead");
        }
        countryMode = countryMode == null ? CountryMode.ANY : countryMode;
        if (impossibleTravelKmh != null && impossibleTravelKmh <= 0) {
            throw new DomainRuleViolation("impossibleTravelKmh must be positive, or absent to turn the check off");
        }
    }

    /** Why the location is refused (a short code for the usage event, never shown to the client), or null. */
    public String denialOf(GeoLocation where) {
        if (where.country() == null) {
            if (denyUnknownLocation) {
                return "unknown_location";
            }
        } else if (countryMode == CountryMode.ALLOW_LISTED && !countries.contains(where.country())
                || countryMode == CountryMode.DENY_LISTED && countries.contains(where.country())) {
            return "country";
        }
        if (where.asn() != null && deniedAsns.contains(where.asn())) {
            return "asn";
        }
        if (denyAnonymous && where.anonymous()) {
            return "anonymous_network";
        }
        if (denyHosting && where.hostingProvider()) {
            return "hosting_network";
        }
        return null;
    }

    /** These rules with other countries in the given mode. */
    public GeoRules withCountries(CountryMode mode, Set<String> newCountries) {
        return new GeoRules(mode, newCountries, deniedAsns, denyAnonymous, denyHosting, denyUnknownLocation,
                impossibleTravelKmh, blockImpossibleTravel, deniedNetworks);
    }

    public GeoRules withDeniedAsns(Set<Long> asns) {
        return new GeoRules(countryMode, countries, asns, denyAnonymous, denyHosting, denyUnknownLocation,
                impossibleTravelKmh, blockImpossibleTravel, deniedNetworks);
    }

    public GeoRules withDeniedNetworks(Set<String> networks) {
        return new GeoRules(countryMode, countries, deniedAsns, denyAnonymous, denyHosting, denyUnknownLocation,
                impossibleTravelKmh, blockImpossibleTravel, networks);
    }

    /** The denied networks as ranges to test addresses against; the gateway keeps them parsed in its key copy. */
    public List<Cidr> deniedRanges() {
        return deniedNetworks.stream().sorted().map(Cidr::parse).toList();
    }

    /** Whether the address lies in a denied network: the first check, before where the address is. */
    public static boolean inAny(List<Cidr> ranges, InetAddress address) {
        for (Cidr range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String countryCode(String code) {
        String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!upper.matches("[A-Z]{2}")) {
            throw new DomainRuleViolation("not an ISO 3166 country code: '" + code + "'");
        }
        return upper;
    }
}
