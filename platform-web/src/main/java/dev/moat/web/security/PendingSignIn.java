package dev.moat.web.security;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.Serializable;

/** A sign-in on its way through the provider: what the callback must match, kept in the HTTP session. */
record PendingSignIn(String state, String nonce, String codeVerifier, String returnTo) implements Serializable {

    static final String ATTRIBUTE = "moat.console.pending-sign-in";

    static PendingSignIn start(String returnTo) {
        return new PendingSignIn(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue(),
                returnTo);
    }
}
