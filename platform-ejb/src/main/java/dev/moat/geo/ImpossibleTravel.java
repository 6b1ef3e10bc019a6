package dev.moat.geo;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Notices a key used from two places that no traveller could cover in the time between: the great-circle
 * distance, less both locations' accuracy radii (so coarse country-level locations do not fire), over the
 * time between the two uses, above the tenant's speed limit. Jumps shorter than a few hundred kilometres are
 * never counted: GeoIP places the same user in neighbouring cities from one minute to the next.
 */
@ApplicationScoped
public class ImpossibleTravel {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double MIN_DISTANCE_KM = 300;

    private final ConcurrentMap<String, Sighting> lastSeen = new ConcurrentHashMap<>();

    /** Where and when a key was used. */
    record Sighting(double latitude, double longitude, int accuracyKm, Instant at) {
    }

    /** Records this use of the key and says whether it is impossible after the previous one. */
    public boolean isImpossible(String keyId, GeoLocation where, Instant now, int maxKmh) {
        if (!where.hasCoordinates()) {
            return false;
        }
        Sighting current = new Sighting(where.latitude(), where.longitude(),
                where.accuracyRadiusKm() == null ? 0 : where.accuracyRadiusKm(), now);
        Sighting previous = lastSeen.put(keyId, current);
        return previous != null && impossible(previous, current, maxKmh);
    }

    static boolean impossible(Sighting from, Sighting to, int maxKmh) {
        double distance = distanceKm(from, to) - from.accuracyKm() - to.accuracyKm();
        if (distance < MIN_DISTANCE_KM) {
            return false;
        }
        double hours = Math.max(Duration.between(from.at(), to.at()).toMillis(), 1) / 3_600_000.0;
        return distance / hours > maxKmh;
    }

    /** Haversine great-circle distance. */
    static double distanceKm(Sighting a, Sighting b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
    }
}
