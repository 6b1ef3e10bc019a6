package dev.moat.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every {@code Json.createObjectBuilder()}, {@code Json.createReader(...)}
 * and the like looks it up again with a {@link java.util.ServiceLoader}, a scan of the application's class path:
 * on the gateway's paths that scan cost more than the request's own work (40% of Moat's CPU while it refused
 * requests with bad keys). Code that runs per request or per event builds its JSON through {@link #PROVIDER}.
 */
public final class JsonOnce {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonOnce() {
    }
}
