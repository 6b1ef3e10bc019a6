package dev.moat.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Access tokens from the moat realm, as a ticketing system or a script would get them. */
final class Keycloak {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Keycloak() {
    }

    /** The {@code moat-ticketing} service account's token (client credentials). */
    static String ticketingToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", "moat-ticketing",
                "client_secret", "moat-ticketing-secret"));
    }

    /** A demo user's token through the {@code moat-cli} client (password grant, dev realm only). */
    static String userToken(String user) {
        return token(Map.of("grant_type", "password", "client_id", "moat-cli", "username", user,
                "password", user + "-pw"));
    }

    private static String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        MoatStack.KEYCLOAK.resolve("/realms/moat/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.body());
            }
            JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
            return json.getString("access_token");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
