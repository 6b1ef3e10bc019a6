package dev.moat.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.URI;

/**
 * Signs out of the console and ends the provider's single sign-on session too, so the next visit asks for
 * the password again.
 */
@WebServlet("/logout")
public class SignOutServlet extends HttpServlet {

    @Inject
    private OidcProvider provider;

    @Inject
    private OidcSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        ConsoleSession signedIn = ConsoleSession.of(session);
        if (session != null) {
            session.invalidate();
        }
        URI endSession = provider.metadata().getEndSessionEndpointURI();
        UriBuilder logout = UriBuilder.fromUri(endSession)
                .queryParam("client_id", settings.clientId())
                .queryParam("post_logout_redirect_uri", RequestPaths.absolute(request, "/"));
        if (signedIn != null) {
            logout.queryParam("id_token_hint", signedIn.idToken());
        }
        response.sendRedirect(logout.build().toString());
    }
}
