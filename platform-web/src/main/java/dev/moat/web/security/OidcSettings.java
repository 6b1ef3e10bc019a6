package dev.moat.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which OpenID Connect provider Moat trusts, from {@code MOAT_OIDC_*} configuration. */
@ApplicationScoped
public class OidcSettings {

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String audience;

    /** For CDI's client proxy only. */
    protected OidcSettings() {
        this(null, null, null, null);
    }

    @Inject
    public OidcSettings(@ConfigProperty(name = "moat.oidc.issuer") String issuer,
                        @ConfigProperty(name = "moat.oidc.client-id") String clientId,
                        @ConfigProperty(name = "moat.oidc.client-secret") String clientSecret,
                        @ConfigProperty(name = "moat.oidc.audience") String audience) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.audience = audience;
    }

    public String issuer() {
        return issuer;
    }

    /** The console's client at the provider. */
    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The audience REST API access tokens must be issued for. */
    public String audience() {
        return audience;
    }
}
