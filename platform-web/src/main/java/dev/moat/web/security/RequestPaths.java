package dev.moat.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/** Paths and absolute URLs of this application, as the client addressed it. */
final class RequestPaths {

    /** The servlet path of the OpenAI-compatible gateway, which checks its API keys itself. */
    private static final String GATEWAY_SERVLET_PATH = "/v1";

    private RequestPaths() {
    }

    /**
     * The request's path below the context root, starting with {@code /}, as the container mapped it to a servlet:
     * decoded and normalized, so that {@code /v1/../} is the console's {@code /} (which needs a sign-in), never the
     * gateway's (which does not), as the raw request URI would have it.
     */
    static String withinApplication(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    /**
     * Whether the gateway's servlet ({@code /v1/*}) serves the request, as the container mapped it; read from the
     * mapping without building a string, since the gateway asks on every request.
     */
    static boolean isGateway(HttpServletRequest request) {
        return GATEWAY_SERVLET_PATH.equals(request.getServletPath()) && request.getPathInfo() != null;
    }

    /** An absolute URL of a path of this application, on the scheme, host and port the client used. */
    static URI absolute(HttpServletRequest request, String path) {
        String url = request.getRequestURL().toString();
        String origin = url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
        return URI.create(origin + request.getContextPath() + path);
    }
}
