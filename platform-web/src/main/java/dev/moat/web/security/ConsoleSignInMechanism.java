package dev.moat.web.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.moat.security.MoatPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs operators in to the console with the OpenID Connect authorization-code flow and PKCE (S256), then
 * keeps them signed in through the HTTP session. Jakarta Security's built-in OpenID mechanism sends no PKCE,
 * which Keycloak's {@code moat-console} client requires.
 */
@ApplicationScoped
@Mechanism(Mechanism.Kind.CONSOLE_SIGN_IN)
public class ConsoleSignInMechanism implements HttpAuthenticationMechanism {

    static final String CALLBACK_PATH = "/oidc/callback";
    private static final Logger LOG = Logger.getLogger(ConsoleSignInMechanism.class.getName());

    private final OidcProvider provider;
    private final OidcSettings settings;
    private final AccessTokenValidator accessTokens;

    /** For CDI's client proxy only. */
    protected ConsoleSignInMechanism() {
        this(null, null, null);
    }

    @Inject
    public ConsoleSignInMechanism(OidcProvider provider, OidcSettings settings, AccessTokenValidator accessTokens) {
        this.provider = provider;
        this.settings = settings;
        this.accessTokens = accessTokens;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (CALLBACK_PATH.equals(RequestPaths.withinApplication(request))) {
            return completeSignIn(request, response, context);
        }
        ConsoleSession signedIn = ConsoleSession.of(request.getSession(false));
        if (signedIn != null) {
            MoatPrincipal principal = signedIn.principal();
            return context.notifyContainerAboutLogin(principal, principal.roles());
        }
        return startSignIn(request, context);
    }

    private AuthenticationStatus startSignIn(HttpServletRequest request, HttpMessageContext context) {
        PendingSignIn pending = PendingSignIn.start(returnAddress(request));
        request.getSession(true).setAttribute(PendingSignIn.ATTRIBUTE, pending);
        AuthenticationRequest authorization = new AuthenticationRequest.Builder(
                ResponseType.CODE, new Scope("openid", "profile"), new ClientID(settings.clientId()),
                RequestPaths.absolute(request, CALLBACK_PATH))
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(pending.state()))
                .nonce(new Nonce(pending.nonce()))
                .codeChallenge(new CodeVerifier(pending.codeVerifier()), CodeChallengeMethod.S256)
                .build();
        return context.redirect(authorization.toURI().toString());
    }

    /** Where to go back after sign-in: the page asked for, never a background or callback request. */
    private static String returnAddress(HttpServletRequest request) {
        boolean pageRequest = "GET".equals(request.getMethod()) && request.getQueryString() == null;
        return pageRequest ? request.getRequestURI() : request.getContextPath() + "/";
    }

    private AuthenticationStatus completeSignIn(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        PendingSignIn pending = session == null ? null : (PendingSignIn) session.getAttribute(PendingSignIn.ATTRIBUTE);
        if (pending == null) {
            // A stale or replayed callback: start over rather than show an error.
            return context.redirect(request.getContextPath() + "/");
        }
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        try {
            AuthenticationResponse answer = AuthenticationResponseParser.parse(
                    URI.create(request.getRequestURL() + "?" + request.getQueryString()));
            if (!pending.state().equals(answer.getState() == null ? null : answer.getState().getValue())) {
                return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "The sign-in answer does not belong to this browser session.");
            }
            if (answer instanceof AuthenticationErrorResponse error) {
                return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "The identity provider refused the sign-in: "
                        + error.getErrorObject().getDescription());
            }
            OIDCTokens tokens = redeem(answer.toSuccessResponse().getAuthorizationCode(), pending, request);
            idTokenValidator().validate(tokens.getIDToken(), new Nonce(pending.nonce()));
            MoatPrincipal principal = accessTokens.validate(tokens.getAccessToken().getValue());
            if (principal.roles().isEmpty()) {
                return refuse(response, HttpServletResponse.SC_FORBIDDEN,
                        principal.userName() + " has no Moat role: ask a platform admin for one.");
            }
            request.changeSessionId();
            request.getSession().setAttribute(ConsoleSession.ATTRIBUTE,
                    new ConsoleSession(principal, tokens.getIDTokenString()));
            LOG.info(() -> "Console sign-in of " + principal.userName() + " with roles " + principal.roles());
            return context.redirect(pending.returnTo());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Console sign-in failed", e);
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign-in failed; Moat's log says why.");
        }
    }

    private OIDCTokens redeem(AuthorizationCode code, PendingSignIn pending, HttpServletRequest request)
            throws IOException, ParseException {
        TokenRequest tokenRequest = new TokenRequest(
                provider.metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                new AuthorizationCodeGrant(code, RequestPaths.absolute(request, CALLBACK_PATH),
                        new CodeVerifier(pending.codeVerifier())));
        var tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        if (!tokenResponse.indicatesSuccess()) {
            throw new IllegalStateException("token endpoint answered "
                    + tokenResponse.toErrorResponse().getErrorObject());
        }
        return ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens();
    }

    private IDTokenValidator idTokenValidator() {
        return new IDTokenValidator(provider.issuer(), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, provider.keys()), null);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message) {
        try {
            response.sendError(status, message);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not answer a failed sign-in", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
