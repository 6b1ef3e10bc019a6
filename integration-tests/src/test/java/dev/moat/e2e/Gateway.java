package dev.moat.e2e;

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
        try {
            return HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", clientAddress)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"stub-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
