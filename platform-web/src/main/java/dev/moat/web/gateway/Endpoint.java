package dev.moat.web.gateway;

/** The OpenAI endpoints the gateway serves, relative to {@code /v1}. */
enum Endpoint {
    CHAT_COMPLETIONS("POST", "/chat/completions"),
    COMPLETIONS("POST", "/completions"),
    EMBEDDINGS("POST", "/embeddings"),
    MODELS("GET", "/models");

    /** values() copies the array on every call; the gateway asks on every request. */
    private static final Endpoint[] ALL = values();

    private final String method;
    private final String path;

    Endpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** @return the endpoint, or {@code null} when the gateway serves no such thing */
    static Endpoint of(String method, String path) {
        for (Endpoint endpoint : ALL) {
            if (endpoint.path.equals(path) && endpoint.method.equals(method)) {
                return endpoint;
            }
        }
        return null;
    }

    String path() {
        return path;
    }

    boolean hasBody() {
        return "POST".equals(method);
    }

    /** Whether inspection rules look at its requests: the text-generating endpoints. */
    boolean isInspected() {
        return this == CHAT_COMPLETIONS || this == COMPLETIONS;
    }
}
