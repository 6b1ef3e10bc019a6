package dev.moat.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Authenticates every request of the application (web.xml has no constraint): bearer tokens on the REST API
 * ({@code /api/*}), the console's OpenID Connect session everywhere else, nothing on the operational
 * endpoints that Payara serves inside the root application ({@code /health}, {@code /metrics},
 * {@code /openapi}) and on the gateway ({@code /v1/*}), which checks API keys itself.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class PathRoutingMechanismHandler implements HttpAuthenticationMechanismHandler {

    static final String API_PREFIX = "/api/";
    private static final List<String> PUBLIC_ENDPOINTS = List.of("/health", "/metrics", "/openapi");

    private final HttpAuthenticationMechanism bearerToken;
    private final HttpAuthenticationMechanism consoleSignIn;

    /** For CDI's client proxy only. */
    protected PathRoutingMechanismHandler() {
        this(null, null);
    }

    @Inject
    public PathRoutingMechanismHandler(@Mechanism(Mechanism.Kind.BEARER_TOKEN) HttpAuthenticationMechanism bearerToken,
                                       @Mechanism(Mechanism.Kind.CONSOLE_SIGN_IN) HttpAuthenticationMechanism consoleSignIn) {
        this.bearerToken = bearerToken;
        this.consoleSignIn = consoleSignIn;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String path = RequestPaths.withinApplication(request);
        if (isPublic(path) || RequestPaths.isGateway(request)) {
            return context.doNothing();
        }
        return mechanismFor(request).validateRequest(request, response, context);
    }

    static boolean isPublic(String path) {
        return PUBLIC_ENDPOINTS.stream().anyMatch(endpoint -> path.equals(endpoint) || path.startsWith(endpoint + "/"));
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        mechanismFor(request).cleanSubject(request, response, context);
    }

    private HttpAuthenticationMechanism mechanismFor(HttpServletRequest request) {
        return RequestPaths.withinApplication(request).startsWith(API_PREFIX) ? bearerToken : consoleSignIn;
    }
}
