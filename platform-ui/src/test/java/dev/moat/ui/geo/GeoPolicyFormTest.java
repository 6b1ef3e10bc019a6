package dev.moat.ui.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.geo.GeoRules;
import dev.moat.geo.GeoRules.CountryMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeoPolicyFormTest {

    private final GeoPolicyForm form = new GeoPolicyForm();

    @Test
    void shows_stored_rules_and_reads_them_back_unchanged() {
        GeoRules stored = new GeoRules(CountryMode.DENY_LISTED, Set.of("KP", "IR"), Set.of(16509L), true, false, true,
                800, true, Set.of("203.0.113.0/24"));

        form.show(stored);

        assertEquals(stored, form.value());
        assertTrue(form.countries.getValue().contains(new Country("KP", "North Korea")));
    }

    @Test
    void as_numbers_may_be_written_with_or_without_the_as_prefix() {
        form.deniedAsns.setValue("AS16509, 14061 ,as13335");

        assertEquals(Set.of(16509L, 14061L, 13335L), form.value().deniedAsns());
    }

    @Test
    void a_word_among_the_as_numbers_is_shown_on_its_field() {
        form.deniedAsns.setValue("16509, amazon");

        assertThrows(DomainRuleViolation.class, form::value);
        assertTrue(form.deniedAsns.isInvalid());
    }

    @Test
    void an_allow_list_without_countries_is_refused_rather_than_locking_everyone_out() {
        form.countryMode.setValue(CountryMode.ALLOW_LISTED);

        assertThrows(DomainRuleViolation.class, form::value);
        assertTrue(form.countries.isInvalid());
    }

    @Test
    void impossible_travel_turned_off_stores_no_speed() {
        form.checkTravel.setValue(false);

        GeoRules rules = form.value();

        assertEquals(null, rules.impossibleTravelKmh());
        assertEquals(false, rules.blockImpossibleTravel());
    }

    @Test
    void countries_are_named_in_english_with_their_code() {
        assertEquals("Germany (DE)", Country.of("DE").label());
        assertTrue(Country.ALL.size() > 240, "every ISO 3166 country");
    }
}
