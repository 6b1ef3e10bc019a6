package dev.moat.web.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.moat.security.MoatPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.Set;

/**
 * Validates the provider's RS256 access tokens (signature from its JWKS, issuer, audience, expiry) and turns
 * their claims into a {@link MoatPrincipal}.
 */
@ApplicationScoped
public class AccessTokenValidator {

    private final OidcProvider provider;
    private final OidcSettings settings;
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;

    /** For CDI's client proxy only. */
    protected AccessTokenValidator() {
        this(null, null);
    }

    @Inject
    public AccessTokenValidator(OidcProvider provider, OidcSettings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    /** @throws InvalidTokenException when the token is not one this provider issued for Moat, now */
    public MoatPrincipal validate(String accessToken) {
        try {
            JWTClaimsSet claims = processor().process(accessToken, null);
            return TokenClaims.toPrincipal(claims);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
    }

    private ConfigurableJWTProcessor<SecurityContext> processor() {
        ConfigurableJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            current = new DefaultJWTProcessor<>();
            current.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, provider.keys()));
            current.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    settings.audience(),
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                    Set.of("sub", "exp", "iat")));
            processor = current;
        }
        return current;
    }
}
