package dev.moat.web.security;

import dev.moat.security.MoatPrincipal;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/** A signed-in console user, kept in the HTTP session; the ID token is the hint for signing out. */
record ConsoleSession(MoatPrincipal principal, String idToken) implements Serializable {

    static final String ATTRIBUTE = "moat.console.session";

    /** The signed-in user of this session, or {@code null}. */
    static ConsoleSession of(HttpSession session) {
        return session == null ? null : (ConsoleSession) session.getAttribute(ATTRIBUTE);
    }
}
