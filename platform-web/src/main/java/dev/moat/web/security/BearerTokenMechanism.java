package dev.moat.web.security;

import dev.moat.security.MoatPrincipal;
import dev.moat.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * Authenticates REST API calls by an {@code Authorization: Bearer} access token from the OpenID provider.
 * Answers 401 itself, with a problem document: no session, no redirect.
 */
@ApplicationScoped
@Mechanism(Mechanism.Kind.BEARER_TOKEN)
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerTokenMechanism.class.getName());
    private static final String SCHEME = "Bearer ";

    private final AccessTokenValidator validator;

    /** For CDI's client proxy only. */
    protected BearerTokenMechanism() {
        this(null);
    }

    @Inject
    public BearerTokenMechanism(AccessTokenValidator validator) {
        this.validator = validator;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return unauthorized(response, "Bearer realm=\"moat\"", "This API needs a bearer access token.");
        }
        try {
            MoatPrincipal principal = validator.validate(authorization.substring(SCHEME.length()).strip());
            return context.notifyContainerAboutLogin(principal, principal.roles());
        } catch (InvalidTokenException e) {
            LOG.fine(() -> "Refused a bearer token: " + e.getMessage());
            return unauthorized(response, "Bearer realm=\"moat\", error=\"invalid_token\"",
                    "The bearer token is invalid or expired.");
        }
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, String challenge, String detail) {
        response.setHeader("WWW-Authenticate", challenge);
        try {
            Problem.of(HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail).writeTo(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
