package dev.moat.web.security;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Lets the gateway's requests ({@code /v1/*}) past Jakarta Security without running it. Payara calls the
 * application's Jakarta Authentication module on every request, and Soteria's module looks the CDI bean manager
 * up in JNDI and resolves {@link PathRoutingMechanismHandler} twice per request (to authenticate, and again to
 * secure the response): 13% of the gateway's CPU (JFR, 32 connections) for requests it then leaves alone, since
 * the gateway checks its own API keys. At start this wraps the provider that Soteria registered for the
 * application, through the standard Jakarta Authentication API: the gateway's requests are answered as Soteria's
 * "do nothing" answers them (no caller, nothing to secure); every other request goes to Soteria unchanged.
 */
@WebListener
public class GatewayAuthenticationShortcut implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GatewayAuthenticationShortcut.class.getName());
    private static final String LAYER = "HttpServlet";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext servlet = event.getServletContext();
        // Payara's and Jakarta Authentication's name for a web application: virtual server, space, context path.
        String application = servlet.getVirtualServerName() + " " + servlet.getContextPath();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        AuthConfigProvider jakartaSecurity = factory == null ? null
                : factory.getConfigProvider(LAYER, application, null);
        if (jakartaSecurity == null) {
            LOG.warning(() -> "No Jakarta Authentication provider registered for '" + application
                    + "': the gateway's requests go through Jakarta Security");
            return;
        }
        factory.registerConfigProvider(new Provider(jakartaSecurity), LAYER, application,
                "Moat: the gateway's requests skip Jakarta Security, the others go to it");
        LOG.info(() -> "The gateway's requests skip Jakarta Security (" + application + ")");
    }

    static boolean isGateway(MessageInfo message) {
        return message.getRequestMessage() instanceof HttpServletRequest request && RequestPaths.isGateway(request);
    }

    /** Soteria's provider, whose authentication contexts answer the gateway's requests themselves. */
    record Provider(AuthConfigProvider jakartaSecurity) implements AuthConfigProvider {

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return jakartaSecurity.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return new Config(jakartaSecurity.getServerAuthConfig(layer, appContext, handler), handler);
        }

        @Override
        public void refresh() {
            jakartaSecurity.refresh();
        }
    }

    private record Config(ServerAuthConfig jakartaSecurity, CallbackHandler container) implements ServerAuthConfig {

        @Override
        public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject,
                                                Map<String, Object> properties) throws AuthException {
            return new Context(jakartaSecurity.getAuthContext(authContextId, serviceSubject, properties), container);
        }

        @Override
        public String getMessageLayer() {
            return jakartaSecurity.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return jakartaSecurity.getAppContext();
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return jakartaSecurity.getAuthContextID(messageInfo);
        }

        @Override
        public void refresh() {
            jakartaSecurity.refresh();
        }

        @Override
        public boolean isProtected() {
            return jakartaSecurity.isProtected();
        }
    }

    private record Context(ServerAuthContext jakartaSecurity, CallbackHandler container) implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (!isGateway(message)) {
                return jakartaSecurity.validateRequest(message, client, service);
            }
            try { // as Soteria's "do nothing": the container learns that the request has no caller
                container.handle(new Callback[] {new CallerPrincipalCallback(client, (Principal) null)});
            } catch (IOException | UnsupportedCallbackException e) {
                throw (AuthException) new AuthException("The container refused an anonymous caller").initCause(e);
            }
            return AuthStatus.SUCCESS;
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            return isGateway(message) ? AuthStatus.SEND_SUCCESS : jakartaSecurity.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            jakartaSecurity.cleanSubject(message, subject);
        }
    }
}
