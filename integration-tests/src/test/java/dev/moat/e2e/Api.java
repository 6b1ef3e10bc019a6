package dev.moat.e2e;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls to Moat's REST API with a bearer token, as a script or ticketing system makes them. */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {
    }

    static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    static HttpResponse<String> post(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    static HttpResponse<String> put(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    static HttpResponse<String> patch(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Any method, with a raw body (which may be malformed on purpose) and extra headers as name, value pairs. */
    static HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static JsonArray jsonArray(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(MoatStack.MOAT.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
