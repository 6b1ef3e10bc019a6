package dev.moat.web.health;

import dev.moat.geo.GeoIpService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the GeoIP databases in use. Always UP: without GeoIP data the gateway still serves, and geo-fences
 * treat every address as of unknown location; the data says which database is missing or refused.
 */
@Readiness
@ApplicationScoped
public class GeoIpReadinessCheck implements HealthCheck {

    @Inject
    private GeoIpService geoIp;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("geoip").up();
        geoIp.status().forEach(response::withData);
        return response.build();
    }
}
