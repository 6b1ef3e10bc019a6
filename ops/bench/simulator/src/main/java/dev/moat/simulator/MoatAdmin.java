package dev.moat.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Moat's admin REST API as the simulator needs it, signed in as alice (password grant, client moat-cli). */
final class MoatAdmin {

    record Key(String id, String secret) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String moat;
    private final String keycloak;
    private String token;

    MoatAdmin(String moat, String keycloak) {
        this.moat = moat;
        this.keycloak = keycloak;
    }

    void signIn() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=moat-cli&username=alice&password=alice-pw";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keycloak
                        + "/realms/moat/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("Keycloak refused alice's sign-in (HTTP " + answer.statusCode() + ") at " + keycloak);
        }
        token = json(answer.body()).getString("access_token");
    }

    void createTenant(String id, String upstream) throws IOException, InterruptedException {
        call("POST", "/api/v1/tenants", Json.createObjectBuilder().add("id", id).add("name", "Simulated " + id)
                .add("upstreamBaseUrl", upstream).build().toString(), 201);
    }

    Key createKey(String tenant, String name) throws IOException, InterruptedException {
        JsonObject issued = json(call("POST", "/api/v1/tenants/" + tenant + "/keys",
                Json.createObjectBuilder().add("name", name).build().toString(), 201));
        return new Key(issued.getJsonObject("details").getString("id"), issued.getString("key"));
    }

    void declareOwnWorkload(String keyId, String reason) throws IOException, InterruptedException {
        call("PUT", "/api/v1/keys/" + keyId + "/own-workload",
                Json.createObjectBuilder().add("reason", reason).build().toString(), 200);
    }

    /** Every case updated since the instant, each read in full (observables and evidence). */
    List<JsonObject> casesUpdatedSince(Instant since) throws IOException, InterruptedException {
        List<JsonObject> cases = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = json(call("GET", "/api/v1/incidents?limit=200&updatedSince="
                    + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null, 200));
            for (JsonObject summary : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
                cases.add(json(call("GET", "/api/v1/incidents/" + summary.getString("id"), null, 200)));
            }
            cursor = !page.containsKey("next") || page.isNull("next") ? null : page.getString("next");
        } while (cursor != null);
        return cases;
    }

    private String call(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moat + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = http.send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
