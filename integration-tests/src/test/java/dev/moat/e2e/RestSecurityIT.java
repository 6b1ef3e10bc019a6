package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API against real Keycloak tokens: who gets in, who gets what. */
@ExtendWith(MoatStack.class)
class RestSecurityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void api_without_a_token_is_refused_with_401_and_a_problem_document() throws Exception {
        HttpResponse<String> response = get("/api/v1/whoami", null);

        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(401, json(response).getInt("status"));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void ticketing_client_credentials_reach_whoami_as_security_operator() throws Exception {
        HttpResponse<String> response = get("/api/v1/whoami", Keycloak.ticketingToken());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject whoami = json(response);
        assertEquals("service-account-moat-ticketing", whoami.getString("userName"));
        assertEquals(List.of("security-operator"), whoami.getJsonArray("roles").getValuesAs(JsonString::getString));
    }

    @Test
    void tenant_admin_sees_its_tenant_in_whoami() throws Exception {
        JsonObject whoami = json(get("/api/v1/whoami", Keycloak.userToken("dave")));

        assertEquals("dave", whoami.getString("userName"));
        assertEquals("acme", whoami.getString("tenant"));
    }

    @Test
    void auditor_is_refused_a_write_with_403() throws Exception {
        HttpResponse<String> response = postTenant(Keycloak.userToken("carol"), "carol-" + shortId());

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void platform_admin_creates_a_tenant() throws Exception {
        String id = "alice-" + shortId();
        HttpResponse<String> response = postTenant(Keycloak.userToken("alice"), id);

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(id, json(response).getString("id"));
        assertEquals(200, get("/api/v1/tenants/" + id, Keycloak.userToken("carol")).statusCode());
    }

    @Test
    void a_tampered_token_is_refused_with_401() throws Exception {
        String token = Keycloak.userToken("alice");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertEquals(401, get("/api/v1/whoami", tampered).statusCode());
    }

    @Test
    void health_metrics_and_openapi_need_no_sign_in() throws Exception {
        for (String path : List.of("/health/ready", "/health/live", "/metrics", "/openapi")) {
            assertEquals(200, get(path, null).statusCode(), path);
        }
    }

    /**
     * A path that climbs out of a prefix which needs no sign-in (the gateway's /v1/, /health/) is judged where the
     * container serves it: the console's page asks for a sign-in. Sent over a plain socket, as written: an HTTP
     * client may tidy the path before sending it.
     */
    @Test
    void a_path_climbing_out_of_the_gateway_or_health_still_needs_a_sign_in() throws IOException {
        for (String path : List.of("/v1/../", "/health/../", "/v1/%2e%2e/")) {
            try (Socket socket = new Socket(MoatStack.MOAT.getHost(), MoatStack.MOAT.getPort())) {
                String get = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
                socket.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 302") && answer.contains("/protocol/openid-connect/auth"),
                        path + " answered " + answer.lines().findFirst().orElse("nothing"));
            }
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(MoatStack.MOAT.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postTenant(String token, String id) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("id", id).add("name", "Tenant " + id)
                .add("upstreamBaseUrl", "http://localhost:8090/v1").build().toString();
        return http.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/api/v1/tenants"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
