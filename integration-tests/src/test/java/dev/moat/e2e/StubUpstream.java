package dev.moat.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a model server in the tests: answers the OpenAI endpoints with fixed text and records what
 * reached it. Model {@code slow-stream} streams for a long time and notices when its reader goes away; model
 * {@code slow-headers} answers only after two seconds.
 */
final class StubUpstream implements AutoCloseable {

    static final int STREAM_CHUNKS = 20;
    /** What model {@code prose-model} answers: English with many words the watermark may choose. */
    static final String PROSE = prose();

    private final HttpServer server;
    final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    final AtomicReference<String> lastBody = new AtomicReference<>();
    final AtomicReference<Long> lastChunkSentNanos = new AtomicReference<>();
    final CountDownLatch slowStreamCancelled = new CountDownLatch(1);

    StubUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", exchange -> reply(exchange, 200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"stub-model\",\"object\":\"model\",\"owned_by\":\"stub\"}]}"));
        server.createContext("/v1/embeddings", exchange -> reply(exchange, 200,
                "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                        + "\"model\":\"stub-model\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastBody.set(body);
        lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        if (body.contains("\"slow-stream\"")) {
            slowStream(exchange);
        } else if (body.contains("\"slow-headers\"")) {
            pause(2000);
            reply(exchange, 200, "{\"id\":\"late\",\"object\":\"chat.completion\",\"choices\":[]}");
        } else if (body.contains("\"prose-model\"") && body.contains("\"stream\":true")) {
            streamProse(exchange);
        } else if (body.contains("\"prose-model\"")) {
            reply(exchange, 200, "{\"id\":\"chatcmpl-prose\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"prose-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"" + PROSE.replace("\n", "\\n") + "\"},\"finish_reason\":\"stop\"}]}");
        } else if (body.contains("\"stream\":true")) {
            stream(exchange);
        } else {
            reply(exchange, 200, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Hello from the stub.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}");
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < STREAM_CHUNKS; i++) {
                out.write(chunk("token" + i + " "));
                out.flush();
                pause(25);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            lastChunkSentNanos.set(System.nanoTime());
        }
    }

    /** The same prose as the whole answer, in pieces of a few characters that cut words apart. */
    private void streamProse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int at = 0; at < PROSE.length(); at += 7) {
                out.write(chunk(PROSE.substring(at, Math.min(PROSE.length(), at + 7)).replace("\n", "\\n")));
            }
            out.write(("data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void slowStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < 600; i++) {
                out.write(chunk("slow" + i + " "));
                out.flush();
                pause(100);
            }
        } catch (IOException e) {
            slowStreamCancelled.countDown();
        } finally {
            exchange.close();
        }
    }

    private static byte[] chunk(String content) {
        return ("data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sentences that put lexicon words after many different words, as real text does. */
    private static String prose() {
        String[] people = {"teacher", "writer", "doctor", "lawyer", "student", "author", "researcher", "instructor",
                "neighbour", "engineer", "driver", "farmer", "baker"};
        String[] adverbs = {"often", "usually", "frequently", "especially", "mostly", "nearly", "quickly", "recently",
                "certainly", "exactly", "obviously", "apparently", "rarely", "slightly", "commonly", "mainly", "largely"};
        String[] things = {"car", "animal", "creature", "baby", "punishment", "achievement", "basement", "fabric",
                "illness", "strategy", "viewpoint", "topic"};
        String[] qualities = {"huge", "terrible", "reliable", "famous", "cheap", "horrible", "wonderful", "feasible",
                "understandable", "unavoidable", "tentative", "enormous", "evident"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 160; i++) {
            text.append("The ").append(people[i % people.length]).append(' ').append(adverbs[i % adverbs.length])
                    .append(" said that the ").append(things[i % things.length]).append(" was ")
                    .append(qualities[i % qualities.length]).append(i % 4 == 3 ? ".\n\n" : ". ");
        }
        return text.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
