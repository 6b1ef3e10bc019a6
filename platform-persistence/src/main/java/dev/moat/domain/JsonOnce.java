package dev.moat.domain;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once; Moat builds and reads all its JSON through {@link #JSON}. Every
 * {@code Json.createObjectBuilder()}, {@code Json.createReader(...)} and the like looks the provider up again with
 * a {@link java.util.ServiceLoader}, a scan of the application's class path: on the gateway's paths that scan cost
 * more than the request's own work (40% of Moat's CPU while it refused requests with unknown keys).
 */
public final class JsonOnce {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonOnce() {
    }
}
