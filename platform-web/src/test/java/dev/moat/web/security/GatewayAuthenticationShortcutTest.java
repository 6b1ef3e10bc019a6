package dev.moat.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway's requests skip Jakarta Security, answered as its "do nothing" would be; every other request, also
 * one whose raw URI starts with /v1/ but that the container maps elsewhere, still goes to Jakarta Security.
 */
class GatewayAuthenticationShortcutTest {

    /** What Jakarta Security (Soteria) was asked. */
    private final List<String> asked = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();

    @ParameterizedTest
    @CsvSource(value = {
            "/v1, /chat/completions, true", "/v1, /models, true", "/v1, /, true",
            "/v1, NULL, false",              // /v1 itself: no endpoint, the console's sign-in as before
            "'', /, false",                  // what /v1/../ maps to: the console
            "/api, /v1/tenants, false", "'', /oidc/callback, false", "/health, NULL, false", "'', /v1x, false"},
            nullValues = "NULL")
    void only_requests_the_gateway_serves_skip_jakarta_security(String servletPath, String pathInfo, boolean skips)
            throws Exception {
        ServerAuthContext context = shortcut().getServerAuthConfig("HttpServlet", "server ", this::handle)
                .getAuthContext("id", new Subject(), Map.of());
        MessageInfo message = message(servletPath, pathInfo);

        AuthStatus validated = context.validateRequest(message, new Subject(), null);
        AuthStatus secured = context.secureResponse(message, null);

        if (skips) {
            assertEquals(List.of(), asked, "Jakarta Security is not run");
            assertEquals(AuthStatus.SUCCESS, validated);
            assertEquals(AuthStatus.SEND_SUCCESS, secured);
            assertEquals(1, callbacks.size(), "the container is told the caller");
            assertTrue(callbacks.getFirst() instanceof CallerPrincipalCallback anonymous
                    && anonymous.getPrincipal() == null && anonymous.getName() == null, "and that there is none");
        } else {
            assertEquals(List.of("validateRequest", "secureResponse"), asked);
            assertEquals(AuthStatus.SEND_CONTINUE, validated, "Jakarta Security's answer, unchanged");
            assertNull(secured);
        }
    }

    private void handle(Callback[] given) {
        callbacks.addAll(List.of(given));
    }

    private GatewayAuthenticationShortcut.Provider shortcut() {
        ServerAuthContext soteria = new ServerAuthContext() {
            @Override
            public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) {
                asked.add("validateRequest");
                return AuthStatus.SEND_CONTINUE;
            }

            @Override
            public AuthStatus secureResponse(MessageInfo message, Subject service) {
                asked.add("secureResponse");
                return null;
            }

            @Override
            public void cleanSubject(MessageInfo message, Subject subject) {
                asked.add("cleanSubject");
            }
        };
        ServerAuthConfig config = new ServerAuthConfig() {
            @Override
            public ServerAuthContext getAuthContext(String id, Subject service, Map<String, Object> properties) {
                return soteria;
            }

            @Override
            public String getMessageLayer() {
                return "HttpServlet";
            }

            @Override
            public String getAppContext() {
                return "server ";
            }

            @Override
            public String getAuthContextID(MessageInfo messageInfo) {
                return "id";
            }

            @Override
            public void refresh() {
            }

            @Override
            public boolean isProtected() {
                return false;
            }
        };
        return new GatewayAuthenticationShortcut.Provider(new AuthConfigProvider() {
            @Override
            public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
                return null;
            }

            @Override
            public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler) {
                return config;
            }

            @Override
            public void refresh() {
            }
        });
    }

    /** A request as the container mapped it: only its servlet path and path info are read. */
    private static MessageInfo message(String servletPath, String pathInfo) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Map<String, Object> map = new HashMap<>();
        return new MessageInfo() {
            @Override
            public Object getRequestMessage() {
                return request;
            }

            @Override
            public Object getResponseMessage() {
                return null;
            }

            @Override
            public void setRequestMessage(Object message) {
            }

            @Override
            public void setResponseMessage(Object message) {
            }

            @Override
            public Map<String, Object> getMap() {
                return map;
            }
        };
    }
}
