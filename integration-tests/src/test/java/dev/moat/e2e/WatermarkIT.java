package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watermarking through the gateway: a tenant turns it on, its answers come back marked (the same marks whether
 * streamed in pieces that cut words apart or whole), and verification attributes them to the tenant and key with a
 * tiny p-value, finds nothing in the original text, and answers short and oversized texts plainly.
 */
@ExtendWith(MoatStack.class)
class WatermarkIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private StubUpstream upstream;
    private String alice;
    private String tenant;
    private String key;
    private String keyId;

    @BeforeEach
    void watermarkedTenant() throws Exception {
        upstream = new StubUpstream();
        alice = Keycloak.userToken("alice");
        tenant = "marked-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Watermarked").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "marked").build()));
        key = issued.getString("key");
        keyId = issued.getJsonObject("details").getString("id");
        HttpResponse<String> settings = Api.put("/api/v1/tenants/" + tenant + "/watermark", alice,
                Json.createObjectBuilder().add("lexical", true).add("invisible", true).build());
        assertEquals(200, settings.statusCode(), settings.body());
        JsonObject view = Api.json(settings);
        assertEquals(1, view.getInt("secretVersion"));
        assertFalse(settings.body().toLowerCase().contains("\"secret\""), "never a secret: " + settings.body());
    }

    @AfterEach
    void stopStub() {
        upstream.close();
    }

    private String answer(boolean stream) throws Exception {
        JsonObject body = Json.createObjectBuilder().add("model", "prose-model").add("stream", stream)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                        .add("content", "Tell me about the school."))).build();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        if (!stream) {
            return Api.json(response).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        }
        StringBuilder content = new StringBuilder();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonObject delta = Json.createReader(new java.io.StringReader(line.substring(6))).readObject()
                        .getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
                if (delta.containsKey("content") && delta.get("content").getValueType() == JsonValue.ValueType.STRING) {
                    content.append(delta.getString("content"));
                }
            }
        }
        return content.toString();
    }

    private JsonObject verify(JsonObject request) {
        HttpResponse<String> response = Api.post("/api/v1/watermarks/verify", alice, request);
        assertEquals(200, response.statusCode(), response.body());
        return Api.json(response);
    }

    @Test
    void answers_are_marked_alike_streamed_or_whole_and_verify_to_tenant_and_key() throws Exception {
        String whole = answer(false);
        String streamed = answer(true);

        assertNotEquals(StubUpstream.PROSE, whole, "some words change");
        assertEquals(whole, streamed, "a stream cut into pieces gets the same marks as the whole answer");
        assertEquals(StubUpstream.PROSE.split("\\s+").length, whole.replaceAll("[\u2063\u200B\u200C\u200D\u2060]", "")
                .split("\\s+").length, "words are swapped, never added or dropped");

        Thread.sleep(2_500); // fingerprints are stored in the background, once a second
        JsonObject verdict = verify(Json.createObjectBuilder().add("text", whole).build());
        assertEquals("WATERMARKED", verdict.getString("verdict"), verdict.toString());
        JsonObject best = verdict.getJsonArray("candidates").getJsonObject(0);
        assertEquals(tenant, best.getString("tenantId"));
        assertTrue(best.getJsonNumber("z").doubleValue() >= 4, best.toString());
        assertEquals(keyId, verdict.getJsonArray("invisibleMarks").getJsonObject(0).getString("keyId"));
        assertEquals(keyId, verdict.getJsonArray("exactCopies").getJsonObject(0).getString("keyId"));

        String stripped = whole.replaceAll("[\u2063\u200B\u200C\u200D\u2060]", "");
        JsonObject withoutMarks = verify(Json.createObjectBuilder().add("text", stripped).build());
        assertEquals("WATERMARKED", withoutMarks.getString("verdict"), "the word choices alone: " + withoutMarks);
        assertTrue(withoutMarks.getJsonArray("invisibleMarks").isEmpty());
    }

    @Test
    void the_original_text_and_short_texts_are_never_called_watermarked() {
        JsonObject original = verify(Json.createObjectBuilder().add("text", StubUpstream.PROSE).build());
        assertEquals("NOT_FOUND", original.getString("verdict"), original.toString());

        JsonObject shortText = verify(Json.createObjectBuilder().add("text", "Hello there.").build());
        assertEquals("NOT_ENOUGH_EVIDENCE", shortText.getString("verdict"));
        JsonObject foreign = verify(Json.createObjectBuilder().add("text", "这是一个很长的回答。".repeat(200)).build());
        assertEquals("NOT_ENOUGH_EVIDENCE", foreign.getString("verdict"));

        assertEquals(400, Api.post("/api/v1/watermarks/verify", alice, Json.createObjectBuilder().add("text", "")
                .build()).statusCode());
        assertEquals(413, Api.post("/api/v1/watermarks/verify", alice, Json.createObjectBuilder()
                .add("text", "a".repeat(10_000_001)).build()).statusCode());
    }

    @Test
    void a_new_strength_starts_a_secret_version_that_marks_fewer_words_and_still_verifies() throws Exception {
        String full = answer(false);
        for (String strength : new String[] {"50.9", "4294967346", "0"}) { // not read as 50, 50 and the default
            HttpResponse<String> refused = Api.put("/api/v1/tenants/" + tenant + "/watermark", alice,
                    Json.createObjectBuilder().add("lexical", true).add("strength", new BigDecimal(strength)).build());
            assertEquals(400, refused.statusCode(), strength + ": " + refused.body());
        }
        JsonObject half = Api.json(Api.put("/api/v1/tenants/" + tenant + "/watermark", alice,
                Json.createObjectBuilder().add("lexical", true).add("strength", 30).build()));
        assertEquals(2, half.getInt("secretVersion"));
        assertEquals(30, half.getJsonArray("secretVersions").getJsonObject(1).getInt("strength"));
        String light = answer(false);

        assertTrue(changedWords(light) < changedWords(full), changedWords(light) + " vs " + changedWords(full));
        JsonObject verdict = verify(Json.createObjectBuilder().add("text", light).add("tenant", tenant).build());
        assertEquals("WATERMARKED", verdict.getString("verdict"), verdict.toString());
        assertEquals(2, verdict.getJsonArray("candidates").getJsonObject(0).getInt("secretVersion"));
    }

    private static long changedWords(String marked) {
        String[] before = StubUpstream.PROSE.split("\\s+");
        String[] after = marked.replaceAll("[\u2063\u200B\u200C\u200D\u2060]", "").split("\\s+");
        return java.util.stream.IntStream.range(0, before.length).filter(i -> !before[i].equals(after[i])).count();
    }

    @Test
    void a_rotated_secret_marks_new_answers_and_still_verifies_old_ones() throws Exception {
        String before = answer(false);
        JsonObject rotated = Api.json(Api.put("/api/v1/tenants/" + tenant + "/watermark", alice,
                Json.createObjectBuilder().add("lexical", true).add("invisible", true).add("rotateSecret", true).build()));
        assertEquals(2, rotated.getInt("secretVersion"));
        assertEquals(2, rotated.getJsonArray("secretVersions").size());
        String after = answer(false);

        assertNotEquals(before, after, "another secret chooses other words");
        JsonObject old = verify(Json.createObjectBuilder().add("text", before).add("tenant", tenant).build());
        assertEquals(1, old.getJsonArray("candidates").getJsonObject(0).getInt("secretVersion"), old.toString());
        assertEquals("WATERMARKED", old.getString("verdict"));
    }
}
