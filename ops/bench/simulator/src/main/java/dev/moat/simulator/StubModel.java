package dev.moat.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The simulator's own model server: answers chat completions at once with as many words as the request's
 * max_tokens allows (300 by default), and a usage block counting the prompt at four characters per token.
 * Answer lengths are what tell a batch job (long documents in, short answers out) from data generation.
 */
final class StubModel implements AutoCloseable {

    static final int DEFAULT_ANSWER_TOKENS = 300;
    private static final String WORDS = "the model answers this question with a careful and complete explanation ";

    private final HttpServer server;

    StubModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonObject request = Json.createReader(new StringReader(body)).readObject();
            int tokens = Math.min(request.getInt("max_tokens", DEFAULT_ANSWER_TOKENS), 2_000);
            String text = WORDS.repeat(tokens / 10 + 1);
            byte[] answer = Json.createObjectBuilder()
                    .add("id", "chatcmpl-sim").add("object", "chat.completion").add("created", 0)
                    .add("model", request.getString("model", "sim"))
                    .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                            .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", text))
                            .add("finish_reason", "stop")))
                    .add("usage", Json.createObjectBuilder().add("prompt_tokens", body.length() / 4)
                            .add("completion_tokens", tokens).add("total_tokens", body.length() / 4 + tokens))
                    .build().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
