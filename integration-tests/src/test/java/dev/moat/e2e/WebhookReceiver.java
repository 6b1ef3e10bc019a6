package dev.moat.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A webhook endpoint as a ticketing system runs it: the npm {@code standardwebhooks} library verifying each
 * delivery (src/test/node/webhook-receiver.mjs), which this class starts and whose attempts it collects.
 */
final class WebhookReceiver implements AutoCloseable {

    final int port;
    private final Process process;
    private final List<JsonObject> attempts = new CopyOnWriteArrayList<>();

    private WebhookReceiver(int port, Process process) {
        this.port = port;
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Listens on the port with the subscription's secret; with failFirst, each message's first try gets 503. */
    static WebhookReceiver start(int port, String secret, boolean failFirst) throws Exception {
        Process process = NodePackages.start("webhook-receiver.mjs",
                Map.of("PORT", String.valueOf(port), "WEBHOOK_SECRET", secret, "FAIL_FIRST", failFirst ? "1" : "0"));
        WebhookReceiver receiver = new WebhookReceiver(port, process);
        receiver.awaitAttempts(line -> line.containsKey("listening"), 1, Duration.ofSeconds(30));
        return receiver;
    }

    private void collect() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("{")) {
                    attempts.add(Json.createReader(new StringReader(line)).readObject());
                }
            }
        } catch (IOException e) {
            // the receiver stopped
        }
    }

    /** The collected lines that match, once there are at least {@code count} of them. */
    List<JsonObject> awaitAttempts(Predicate<JsonObject> matching, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonObject> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = new ArrayList<>(attempts.stream().filter(matching).toList());
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " matching attempts within " + timeout + ", got " + found
                + "; all: " + attempts);
    }

    List<JsonObject> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
