package dev.moat.web.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's limits and upstream timeouts ({@code MOAT_GATEWAY_*}). */
@ApplicationScoped
public class GatewaySettings {

    private final int maxBodyBytes;
    private final Duration upstreamConnectTimeout;
    private final Duration upstreamTimeout;

    /** For CDI's client proxy only. */
    protected GatewaySettings() {
        this(0, "PT0S", "PT0S");
    }

    @Inject
    public GatewaySettings(
            @ConfigProperty(name = "moat.gateway.max-body-bytes", defaultValue = "1048576") int maxBodyBytes,
            @ConfigProperty(name = "moat.gateway.upstream-connect-timeout", defaultValue = "PT5S") String connectTimeout,
            @ConfigProperty(name = "moat.gateway.upstream-timeout", defaultValue = "PT120S") String upstreamTimeout) {
        this.maxBodyBytes = maxBodyBytes;
        this.upstreamConnectTimeout = Duration.parse(connectTimeout);
        this.upstreamTimeout = Duration.parse(upstreamTimeout);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration upstreamConnectTimeout() {
        return upstreamConnectTimeout;
    }

    /** The longest silence of the upstream: before its response headers, and between two chunks of a stream. */
    public Duration upstreamTimeout() {
        return upstreamTimeout;
    }
}
