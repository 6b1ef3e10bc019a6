package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.key.RequestSigning;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAI-compatible gateway end to end: a Moat key, the real Moat, a stub model server. */
@ExtendWith(MoatStack.class)
class GatewayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StubUpstream upstream;
    private static String alice;
    private static String tenant;

    @BeforeAll
    static void tenantWithStubUpstream() throws IOException {
        upstream = new StubUpstream();
        alice = Keycloak.userToken("alice");
        tenant = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Gateway test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
    }

    @AfterAll
    static void stopStub() {
        upstream.close();
    }

    private static String newKey(JsonArrayBuilder allowedModels, JsonArrayBuilder ipAllowList) {
        HttpResponse<String> created = Api.post("/api/v1/tenants/" + tenant + "/keys", alice, Json.createObjectBuilder()
                .add("name", "gateway test").add("allowedModels", allowedModels).add("ipAllowList", ipAllowList).build());
        assertEquals(201, created.statusCode(), created.body());
        return Api.json(created).getString("key");
    }

    private static String newKey() {
        return newKey(Json.createArrayBuilder(), Json.createArrayBuilder());
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chatBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static void assertOpenAiError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, Api.json(response).getJsonObject("error").getString("code"));
    }

    /** What a test's own model server does with a connection once it has read a request from it. */
    private interface Reply {
        void to(Socket connection) throws IOException;
    }

    /**
     * A model server of the test's own: on each connection it reads one request, lets {@code reply} answer it (or
     * not) and hangs up. Returns a key of a new tenant whose upstream it is.
     */
    private static String keyForServerThatHangsUp(ServerSocket server, Reply reply) {
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    readRequest(connection);
                    reply.to(connection);
                } catch (IOException e) {
                    // the test is over
                }
            }
        });
        String tenantId = "hangs-up-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenantId).add("name", "Hangs up")
                .add("upstreamBaseUrl", "http://127.0.0.1:" + server.getLocalPort() + "/v1").build());
        return Api.json(Api.post("/api/v1/tenants/" + tenantId + "/keys", alice,
                Json.createObjectBuilder().add("name", "k").build())).getString("key");
    }

    /** For model servers of a test's own: reads one HTTP request, headers and body, from the connection. */
    private static void readRequest(Socket connection) throws IOException {
        BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.ISO_8859_1));
        int length = 0;
        for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        request.skip(length);
    }

    @Test
    void a_chat_completion_goes_through_and_the_moat_key_stays_behind() throws Exception {
        HttpResponse<String> response = chat(newKey(), chatBody("stub-model", false));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Hello from the stub.", Api.json(response).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertNull(upstream.lastAuthorization.get(), "the Moat key must never reach the model server");
        assertEquals(chatBody("stub-model", false), upstream.lastBody.get(), "the body is forwarded byte for byte");
    }

    @Test
    void a_stream_arrives_chunk_by_chunk_before_the_upstream_has_finished() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + newKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("stub-model", true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            long firstChunkAt = System.nanoTime();
            assertTrue(first.startsWith("data: {"), first);
            int events = 1;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events++;
                }
            }
            assertEquals(StubUpstream.STREAM_CHUNKS + 1, events, "every chunk and [DONE]");
            assertTrue(firstChunkAt < upstream.lastChunkSentNanos.get(),
                    "the first chunk must reach the client before the upstream sends its last one");
        }
    }

    @Test
    void three_hundred_streams_at_once_over_one_http2_connection_all_arrive_whole() throws Exception {
        HttpClient multiplexing = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + newKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("stub-model", true))).build();
        assertEquals(HttpClient.Version.HTTP_2, multiplexing.send(request, HttpResponse.BodyHandlers.ofString()).version(),
                "the connection was upgraded to HTTP/2");
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            streams.add(multiplexing.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            HttpResponse<String> answer = stream.get(2, TimeUnit.MINUTES); // before the fix: GOAWAY after the 100th
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().endsWith("data: [DONE]\n\n"), answer.body());
        }
    }

    @Test
    void a_client_that_goes_away_cancels_the_upstream_call() throws Exception {
        String body = chatBody("slow-stream", true);
        // A raw socket, because closing an HTTP client's response stream may not close its connection.
        try (Socket client = new Socket(MoatStack.MOAT.getHost(), MoatStack.MOAT.getPort())) {
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + newKey() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = answer.readLine()) != null && !line.contains("data: ")) {
                // headers and chunk sizes
            }
            assertTrue(line != null, "the stream started");
        }

        assertTrue(upstream.slowStreamCancelled.await(20, TimeUnit.SECONDS),
                "the upstream stream must be cut when the client leaves");
    }

    @Test
    void wrong_and_unknown_keys_get_the_same_401() throws Exception {
        String key = newKey();
        String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        String unknownId = "moat_zzzzzzzzzzzz" + key.substring(17);

        HttpResponse<String> wrong = chat(wrongSecret, chatBody("stub-model", false));
        HttpResponse<String> unknown = chat(unknownId, chatBody("stub-model", false));
        HttpResponse<String> none = chat("", chatBody("stub-model", false));

        assertOpenAiError(wrong, 401, "invalid_api_key");
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.body(), none.body());
    }

    @Test
    void a_revoked_key_is_refused_on_its_next_request() throws Exception {
        String key = newKey();
        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        String keyId = key.substring(5, 17);

        assertEquals(200, Api.post("/api/v1/keys/" + keyId + "/revoke", alice, null).statusCode());

        assertOpenAiError(chat(key, chatBody("stub-model", false)), 401, "invalid_api_key");
    }

    @Test
    void the_rotated_secret_works_and_the_old_one_during_its_grace_period() throws Exception {
        String oldKey = newKey();
        String keyId = oldKey.substring(5, 17);
        String newKey = Api.json(Api.post("/api/v1/keys/" + keyId + "/rotate", alice, null)).getString("key");

        assertEquals(200, chat(newKey, chatBody("stub-model", false)).statusCode());
        assertEquals(200, chat(oldKey, chatBody("stub-model", false)).statusCode());
    }

    @Test
    void policy_refusals_speak_openai() throws Exception {
        String onlyLlama = newKey(Json.createArrayBuilder().add("llama-3"), Json.createArrayBuilder());
        String elsewhere = newKey(Json.createArrayBuilder(), Json.createArrayBuilder().add("203.0.113.0/24"));

        assertOpenAiError(chat(onlyLlama, chatBody("stub-model", false)), 403, "model_not_allowed");
        assertOpenAiError(chat(elsewhere, chatBody("stub-model", false)), 403, "ip_not_allowed");
    }

    @Test
    void a_body_of_unknown_length_is_read_up_to_the_limit() throws Exception {
        String key = newKey();
        HttpResponse<String> small = chunkedChat(key, chatBody("stub-model", false));
        assertEquals(200, small.statusCode(), small.body());
        assertEquals(chatBody("stub-model", false), upstream.lastBody.get(), "the chunked body reaches the upstream whole");
        assertOpenAiError(chunkedChat(key, "{\"model\":\"m\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}"),
                413, "request_too_large");
    }

    /** Sent without Content-Length, as Transfer-Encoding: chunked. */
    private static HttpResponse<String> chunkedChat(String key, String body) throws Exception {
        try (HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http11.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void bad_bodies_get_clear_errors_and_never_reach_the_upstream() throws Exception {
        String key = newKey();
        upstream.lastBody.set(null);

        assertOpenAiError(chat(key, "{not json"), 400, "invalid_request");
        assertOpenAiError(chat(key, "{\"model\":\"m\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}"), 413, "request_too_large");
        assertOpenAiError(chat(key, "{\"model\":\"m\",\"n\":1" + "0".repeat(1_200) + "}"), 400, "invalid_request");
        HttpResponse<String> mistyped = chat(key, "{\"model\":\"m\",\"n\":\"8\"}");
        assertOpenAiError(mistyped, 400, "invalid_request");
        assertEquals("The field n must be a whole number.", Api.json(mistyped).getJsonObject("error").getString("message"));
        assertNull(upstream.lastBody.get());
    }

    @Test
    void a_body_that_stops_arriving_gets_408_not_an_empty_200() throws Exception {
        try (Socket socket = new Socket(MoatStack.MOAT.getHost(), MoatStack.MOAT.getPort())) {
            socket.setSoTimeout(90_000);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: moat\r\nAuthorization: Bearer "
                    + newKey() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 408", answer, "after the container's read timeout");
        }
    }

    @Test
    void upstream_urls_with_credentials_or_that_cannot_be_called_are_refused() {
        HttpResponse<String> withPassword = Api.post("/api/v1/tenants", alice, Json.createObjectBuilder()
                .add("id", "gwu-" + UUID.randomUUID().toString().substring(0, 8)).add("name", "u")
                .add("upstreamBaseUrl", "http://user:Pa55word@127.0.0.1:8000/v1").build());
        assertEquals(400, withPassword.statusCode(), withPassword.body());
        assertTrue(!withPassword.body().contains("Pa55word"), withPassword.body());
        for (String url : List.of("http://127.0.0.1:99999/v1", "http://127.0.0.1:8000/v1?x=1")) {
            assertEquals(400, Api.patch("/api/v1/tenants/" + tenant, alice,
                    Json.createObjectBuilder().add("upstreamBaseUrl", url).build()).statusCode(), url);
        }
    }

    @Test
    void models_and_embeddings_pass_through() throws Exception {
        String key = newKey();
        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/models"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> embeddings = HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/embeddings"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"stub-model\",\"input\":\"hello\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("stub-model", Api.json(models).getJsonArray("data").getJsonObject(0).getString("id"));
        assertEquals(200, embeddings.statusCode(), embeddings.body());
    }

    /**
     * A model server that closes each connection after its answer, without saying so (as servers do with idle
     * keep-alive connections): the next request on the pooled connection gets nothing back, and Moat sends it
     * again on a fresh connection instead of answering 502.
     */
    @Test
    void a_connection_the_upstream_closed_silently_is_replaced_not_turned_into_a_502() throws Exception {
        String answer = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[]}";
        try (ServerSocket server = new ServerSocket(0)) {
            String key = keyForServerThatHangsUp(server, connection -> connection.getOutputStream().write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length()
                            + "\r\n\r\n" + answer).getBytes(StandardCharsets.ISO_8859_1)));
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = chat(key, chatBody("stub-model", false));
                assertEquals(200, response.statusCode(), "request " + (i + 1) + ": " + response.body());
            }
        }
    }

    @Test
    void a_request_a_fresh_connection_took_without_answering_is_not_sent_again() throws Exception {
        AtomicInteger received = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0)) {
            String key = keyForServerThatHangsUp(server, connection -> received.incrementAndGet());

            assertOpenAiError(chat(key, chatBody("stub-model", false)), 502, "upstream_unreachable");
            assertEquals(1, received.get(), "a model server that may have started generating is not asked twice");
        }
    }

    @Test
    void an_unreachable_upstream_is_a_502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String down = "down-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", down).add("name", "Down")
                .add("upstreamBaseUrl", "http://127.0.0.1:" + closedPort + "/v1").build());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + down + "/keys", alice,
                Json.createObjectBuilder().add("name", "k").build()));

        assertOpenAiError(chat(issued.getString("key"), chatBody("stub-model", false)), 502, "upstream_unreachable");
    }

    private static String keyWithLimits(JsonObject limits) {
        HttpResponse<String> created = Api.post("/api/v1/tenants/" + tenant + "/keys", alice, Json.createObjectBuilder()
                .add("name", "limited").add("limits", limits).build());
        assertEquals(201, created.statusCode(), created.body());
        return Api.json(created).getString("key");
    }

    @Test
    void over_its_request_limit_a_key_gets_429_with_openai_headers() throws Exception {
        String key = keyWithLimits(Json.createObjectBuilder().add("requestsPerMinute", 2).build());

        HttpResponse<String> first = chat(key, chatBody("stub-model", false));
        assertEquals("2", first.headers().firstValue("x-ratelimit-limit-requests").orElseThrow());
        assertEquals("1", first.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        HttpResponse<String> third = chat(key, chatBody("stub-model", false));

        assertOpenAiError(third, 429, "rate_limited");
        assertEquals("30", third.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void tokens_reported_by_the_upstream_count_against_the_token_limit() throws Exception {
        // The stub reports 9 tokens per answer: the second answer overdraws a limit of 10.
        String key = keyWithLimits(Json.createObjectBuilder().add("tokensPerMinute", 10).build());

        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        assertOpenAiError(chat(key, chatBody("stub-model", false)), 429, "rate_limited");
    }

    @Test
    void tenant_limits_are_read_and_replaced_through_the_api() {
        String path = "/api/v1/tenants/" + tenant + "/limits";
        JsonObject limits = Json.createObjectBuilder().add("requestsPerMinute", 1000).add("tokensPerDay", 5_000_000).build();

        assertEquals(403, Api.put(path, Keycloak.userToken("carol"), limits).statusCode());
        HttpResponse<String> replaced = Api.put(path, alice, limits);

        assertEquals(200, replaced.statusCode(), replaced.body());
        JsonObject read = Api.json(Api.get(path, Keycloak.userToken("carol")));
        assertEquals(1000, read.getInt("requestsPerMinute"));
        assertEquals(5_000_000, read.getInt("tokensPerDay"));
        assertEquals(400, Api.put(path, alice, Json.createObjectBuilder().add("requestsPerMinute", -1).build()).statusCode());
        for (String notWhole : List.of("10.5", "18446744073709551626")) { // not read as 10, nor wrapped round to 10
            JsonObject odd = Json.createObjectBuilder().add("requestsPerMinute", new BigDecimal(notWhole)).build();
            assertEquals(400, Api.put(path, alice, odd).statusCode(), notWhole);
            assertEquals(400, Api.post("/api/v1/tenants/" + tenant + "/keys", alice, Json.createObjectBuilder()
                    .add("name", "k").add("limits", odd).build()).statusCode(), notWhole);
            assertEquals(400, Api.patch("/api/v1/tenants/" + tenant, alice, Json.createObjectBuilder()
                    .add("upstreamReadTimeoutMillis", new BigDecimal(notWhole)).build()).statusCode(), notWhole);
        }
        assertEquals(1000, Api.json(Api.get(path, alice)).getInt("requestsPerMinute"));
    }

    @Test
    void every_request_leaves_a_usage_event_with_its_tokens_and_decision() throws Exception {
        String key = newKey();
        String keyId = key.substring(5, 17);
        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        chat(key, "{not json");

        JsonObject page = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            page = Api.json(Api.get("/api/v1/usage?key=" + keyId, alice));
            if (page.getJsonArray("items").size() == 2) {
                break;
            }
            Thread.sleep(200);
        }
        var items = page.getJsonArray("items");
        assertEquals(2, items.size(), page.toString());
        JsonObject refused = items.getJsonObject(0);
        JsonObject answered = items.getJsonObject(1);
        assertEquals("invalid_request", refused.getString("decision"));
        assertEquals(400, refused.getInt("status"));
        assertEquals("allowed", answered.getString("decision"));
        assertEquals(tenant, answered.getString("tenantId"));
        assertEquals("stub-model", answered.getString("model"));
        assertEquals(5, answered.getInt("promptTokens"));
        assertEquals(4, answered.getInt("completionTokens"));
        assertEquals("chat/completions", answered.getString("endpoint"));

        JsonObject inList = Json.createReader(new StringReader(Api.get("/api/v1/tenants/" + tenant + "/keys", alice).body()))
                .readArray().stream().map(JsonValue::asJsonObject)
                .filter(listed -> listed.getString("id").equals(keyId)).findFirst().orElseThrow();
        assertEquals(refused.getString("occurredAt"), inList.getJsonObject("lastUse").getString("at"),
                "the key list shows the key's last use");
        assertEquals("127.0.0.1", inList.getJsonObject("lastUse").getString("clientAddress"));
    }

    @Test
    void usage_pages_continue_with_the_cursor() throws Exception {
        String key = newKey();
        String keyId = key.substring(5, 17);
        for (int i = 0; i < 3; i++) {
            chat(key, chatBody("stub-model", false));
        }
        Thread.sleep(1000);

        JsonObject first = Api.json(Api.get("/api/v1/usage?limit=2&key=" + keyId, alice));
        JsonObject second = Api.json(Api.get("/api/v1/usage?limit=2&key=" + keyId + "&cursor="
                + first.getString("nextCursor"), alice));

        assertEquals(2, first.getJsonArray("items").size());
        assertEquals(1, second.getJsonArray("items").size());
        assertTrue(!second.containsKey("nextCursor") || second.isNull("nextCursor"));
    }

    @Test
    void the_tenants_upstream_key_is_sent_upstream_sealed_at_rest_and_never_shown() throws Exception {
        String withKey = "gwk-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", withKey)
                .add("name", "Upstream key").add("upstreamBaseUrl", upstream.baseUrl())
                .add("upstreamApiKey", "sk-upstream-secret-42").build()).statusCode());
        String key = Api.json(Api.post("/api/v1/tenants/" + withKey + "/keys", alice,
                Json.createObjectBuilder().add("name", "k").build())).getString("key");

        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        assertEquals("Bearer sk-upstream-secret-42", upstream.lastAuthorization.get());
        HttpResponse<String> shown = Api.get("/api/v1/tenants/" + withKey, alice);
        assertTrue(Api.json(shown).getBoolean("hasUpstreamApiKey"));
        assertTrue(!shown.body().contains("sk-upstream"), shown.body());

        HttpResponse<String> removed = Api.patch("/api/v1/tenants/" + withKey, alice,
                Json.createObjectBuilder().add("upstreamApiKey", "").build());
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(200, chat(key, chatBody("stub-model", false)).statusCode());
        assertNull(upstream.lastAuthorization.get(), "a removed upstream key is no longer sent");
    }

    @Test
    void a_tenant_read_timeout_turns_a_slow_upstream_into_504() throws Exception {
        String key = newKey();
        HttpResponse<String> patched = Api.patch("/api/v1/tenants/" + tenant, alice,
                Json.createObjectBuilder().add("upstreamReadTimeoutMillis", 300).build());
        assertEquals(200, patched.statusCode(), patched.body());
        try {
            assertOpenAiError(chat(key, chatBody("slow-headers", false)), 504, "upstream_timeout");
        } finally {
            Api.patch("/api/v1/tenants/" + tenant, alice, Json.createObjectBuilder().add("upstreamReadTimeoutMillis", 0).build());
        }
        assertEquals(403, Api.patch("/api/v1/tenants/" + tenant, Keycloak.userToken("carol"),
                Json.createObjectBuilder().add("name", "x").build()).statusCode());
    }

    private static HttpResponse<String> signedChat(String key, String signature, long timestamp, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("X-Moat-Timestamp", Long.toString(timestamp)).header("X-Moat-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_tenant_that_requires_signing_accepts_only_fresh_correct_signatures() throws Exception {
        String signed = "sig-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", signed).add("name", "Signed")
                .add("upstreamBaseUrl", upstream.baseUrl()).build());
        assertEquals(200, Api.patch("/api/v1/tenants/" + signed, alice,
                Json.createObjectBuilder().add("requireRequestSigning", true).build()).statusCode());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + signed + "/keys", alice,
                Json.createObjectBuilder().add("name", "signed").build()));
        String key = issued.getString("key");
        String secret = issued.getString("signingSecret");
        String body = chatBody("stub-model", false);
        long now = System.currentTimeMillis() / 1000;
        String signature = RequestSigning.sign(secret, "POST", "/v1/chat/completions", now,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertOpenAiError(chat(key, body), 401, "invalid_signature");
        assertEquals(200, signedChat(key, signature, now, body).statusCode());
        assertOpenAiError(signedChat(key, signature, now, body), 401, "invalid_signature");
        long stale = now - 600;
        assertOpenAiError(signedChat(key, RequestSigning.sign(secret, "POST", "/v1/chat/completions", stale,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), stale, body), 401, "invalid_signature");
        assertTrue(!Api.get("/api/v1/keys/" + key.substring(5, 17), alice).body().contains(secret),
                "the signing secret is shown only once");
    }

    @Test
    void unknown_gateway_paths_are_404_in_openai_shape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MoatStack.MOAT + "/v1/fine_tuning/jobs"))
                .header("Authorization", "Bearer " + newKey()).build(), HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(response, 404, "unknown_url");
    }
}
