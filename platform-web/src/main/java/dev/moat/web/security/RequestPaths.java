package dev.moat.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/** Paths and absolute URLs of this application, as the client addressed it. */
final class RequestPaths {

    private RequestPaths() {
    }

    /** The request's path below the context root, starting with {@code /}. */
    static String withinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** An absolute URL of a path of this application, on the scheme, host and port the client used. */
    static URI absolute(HttpServletRequest request, String path) {
        String url = request.getRequestURL().toString();
        String origin = url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
        return URI.create(origin + request.getContextPath() + path);
    }
}
