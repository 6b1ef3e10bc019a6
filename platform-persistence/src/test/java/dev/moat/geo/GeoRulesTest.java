package dev.moat.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeoRulesTest {

    private static GeoLocation in(String country, Long asn, boolean anonymous, boolean hosting) {
        return new GeoLocation(country, null, null, 1.0, 2.0, 10, asn, null, anonymous, hosting);
    }

    @Test
    void the_open_default_refuses_nothing() {
        assertNull(GeoRules.OPEN.denialOf(in("KP", 64512L, true, true)));
        assertNull(GeoRules.OPEN.denialOf(GeoLocation.UNKNOWN));
    }

    @Test
    void an_allow_list_admits_only_its_countries() {
        GeoRules rules = new GeoRules(GeoRules.CountryMode.ALLOW_LISTED, Set.of("de", " FR "), null, false, false, false, null, false, null);

        assertNull(rules.denialOf(in("DE", null, false, false)));
        assertNull(rules.denialOf(in("FR", null, false, false)));
        assertEquals("country", rules.denialOf(in("US", null, false, false)));
    }

    @Test
    void a_deny_list_refuses_its_countries_and_asns() {
        GeoRules rules = new GeoRules(GeoRules.CountryMode.DENY_LISTED, Set.of("KP"), Set.of(64512L), false, false, false, null, false, null);

        assertEquals("country", rules.denialOf(in("KP", null, false, false)));
        assertEquals("asn", rules.denialOf(in("DE", 64512L, false, false)));
        assertNull(rules.denialOf(in("DE", 3320L, false, false)));
    }

    @Test
    void anonymous_hosting_and_unknown_locations_are_refused_when_asked() {
        GeoRules rules = new GeoRules(null, null, null, true, true, true, null, false, null);

        assertEquals("anonymous_network", rules.denialOf(in("DE", null, true, false)));
        assertEquals("hosting_network", rules.denialOf(in("DE", null, false, true)));
        assertEquals("unknown_location", rules.denialOf(GeoLocation.UNKNOWN));
    }

    @Test
    void malformed_settings_are_refused() {
        assertThrows(DomainRuleViolation.class, () -> new GeoRules(null, Set.of("Germany"), null, false, false, false, null, false, null));
        assertThrows(DomainRuleViolation.class, () -> new GeoRules(null, null, null, false, false, false, 0, false, null));
    }

    @Test
    void denied_networks_are_kept_normalised_and_match_the_addresses_inside() throws Exception {
        GeoRules rules = new GeoRules(null, null, null, false, false, false, null, false,
                Set.of("203.0.113.7/24", "2001:db8::/32"));

        assertEquals(Set.of("203.0.113.0/24", "2001:db8:0:0:0:0:0:0/32"), rules.deniedNetworks());
        assertTrue(GeoRules.inAny(rules.deniedRanges(), java.net.InetAddress.ofLiteral("203.0.113.200")));
        assertFalse(GeoRules.inAny(rules.deniedRanges(), java.net.InetAddress.ofLiteral("198.51.100.1")));
        assertThrows(DomainRuleViolation.class, () -> new GeoRules(null, null, null, false, false, false, null, false,
                Set.of("example.com")));
    }
}
