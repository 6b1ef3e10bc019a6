package dev.moat.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImpossibleTravelTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
    private static final GeoLocation BERLIN = at(52.52, 13.405, 5);
    private static final GeoLocation TOKYO = at(35.685, 139.753, 5);
    private static final GeoLocation POTSDAM = at(52.39, 13.06, 5);

    private static GeoLocation at(double latitude, double longitude, int accuracyKm) {
        return new GeoLocation("XX", null, null, latitude, longitude, accuracyKm, null, null, false, false);
    }

    private final ImpossibleTravel travel = new ImpossibleTravel();

    @Test
    void berlin_to_tokyo_within_an_hour_is_impossible_and_within_a_day_is_not() {
        assertFalse(travel.isImpossible("k1", BERLIN, NOON, 1000));
        assertTrue(travel.isImpossible("k1", TOKYO, NOON.plus(Duration.ofHours(1)), 1000));

        assertFalse(travel.isImpossible("k2", BERLIN, NOON, 1000));
        assertFalse(travel.isImpossible("k2", TOKYO, NOON.plus(Duration.ofHours(12)), 1000));
    }

    @Test
    void nearby_places_within_the_locations_accuracy_are_never_impossible() {
        assertFalse(travel.isImpossible("k1", BERLIN, NOON, 1000));
        assertFalse(travel.isImpossible("k1", POTSDAM, NOON.plusMillis(1), 1000));

        assertFalse(travel.isImpossible("k2", at(52.0, 10.0, 1000), NOON, 1000));
        assertFalse(travel.isImpossible("k2", at(48.0, 30.0, 1000), NOON.plusSeconds(10), 1000),
                "1,500 km between two country-level locations, each accurate to 1,000 km, proves no travel");
    }

    @Test
    void each_key_travels_alone_and_locations_without_coordinates_are_ignored() {
        assertFalse(travel.isImpossible("k1", BERLIN, NOON, 1000));
        assertFalse(travel.isImpossible("k2", TOKYO, NOON.plusSeconds(1), 1000));
        assertFalse(travel.isImpossible("k1", GeoLocation.UNKNOWN, NOON.plusSeconds(2), 1000));
    }

    @Test
    void distance_is_the_great_circle() {
        double km = ImpossibleTravel.distanceKm(new ImpossibleTravel.Sighting(52.52, 13.405, 0, NOON),
                new ImpossibleTravel.Sighting(35.685, 139.753, 0, NOON));
        assertEquals(8_930, km, 30);
    }
}
