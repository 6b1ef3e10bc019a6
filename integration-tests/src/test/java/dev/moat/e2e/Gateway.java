package dev.moat.e2e;

import jakarta.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A one-line chat completion through Moat's gateway, as an API client sends it. */
final class Gateway {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Gateway() {
    }

    /**
     * Sent from the given client address: the tests come through loopback, a trusted proxy, so Moat believes
     * their {@code X-Forwarded-For}.
     */
    static HttpResponse<String> chatFrom(String clientAddress, String key) {
        return send(key, clientAddress, "hi");
    }

    /** A chat with the given user message, from a documentation address. */
    static HttpResponse<String> chatAbout(String key, String userMessage) {
        return send(key, "203.0.113.9", userMessage);
    }

    private static HttpResponse<String> send(String key, String clientAddress, String userMessage) {
        try {
            return HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", clientAddress)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", "stub-model")
                            .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                    .add("role", "user").add("content", userMessage))).build().toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
