package dev.moat.web.health;

import dev.moat.web.gateway.GatewayWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the gateway has run its request path once (see {@link GatewayWarmUp}); requests wait till then. */
@Readiness
@ApplicationScoped
public class GatewayReadinessCheck implements HealthCheck {

    @Inject
    private GatewayWarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gateway").status(warmUp.isWarm()).build();
    }
}
