package dev.moat.web.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;

/**
 * The provider's discovery document and signing keys, fetched on first use (the provider may start after
 * Moat) and kept; the key source refreshes itself when the provider rotates keys.
 */
@ApplicationScoped
public class OidcProvider {

    private final OidcSettings settings;
    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys) {
    }

    /** For CDI's client proxy only. */
    protected OidcProvider() {
        this(null);
    }

    @Inject
    public OidcProvider(OidcSettings settings) {
        this.settings = settings;
    }

    public OIDCProviderMetadata metadata() {
        return discovered().metadata();
    }

    public JWKSource<SecurityContext> keys() {
        return discovered().keys();
    }

    public Issuer issuer() {
        return new Issuer(settings.issuer());
    }

    private Discovered discovered() {
        Discovered current = discovered;
        if (current == null) {
            synchronized (this) {
                current = discovered;
                if (current == null) {
                    current = discover();
                    discovered = current;
                }
            }
        }
        return current;
    }

    private Discovered discover() {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer());
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .<SecurityContext>create(metadata.getJWKSetURI().toURL())
                    .retrying(true)
                    .build();
            return new Discovered(metadata, keys);
        } catch (GeneralException | MalformedURLException e) {
            throw new IllegalStateException("The OpenID provider " + settings.issuer() + " is misconfigured: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenID provider " + settings.issuer() + " cannot be reached", e);
        }
    }
}
