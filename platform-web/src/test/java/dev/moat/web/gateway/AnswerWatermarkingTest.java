package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.watermark.InvisibleMark;
import dev.moat.watermark.LexicalKey;
import dev.moat.watermarking.Watermarking;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerWatermarkingTest {

    private static final String TEXT = "However, the teacher often said that the students usually respond quickly. "
            + "Frequently they assessed the huge car and evaluated whether it was reliable. So I think it's fine, and "
            + "I'm sure you'll see. Use `often` here. Le café "
            + "est “très” bon, 日本語も。";
    private static final Watermarking MARKING = new Watermarking("acme", "abcdefghijkl", 1,
            new LexicalKey(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1.0),
            new byte[] {1, 2, 3, 4, 5, 6});

    /** Server-sent events with the text cut into pieces of 1 to 9 characters, as a model streams it. */
    private static String events(String text, Random random, boolean finish) {
        StringBuilder stream = new StringBuilder(": keep-alive comment\n\n");
        stream.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
        for (int at = 0; at < text.length(); ) {
            int end = Math.min(text.length(), at + 1 + random.nextInt(9));
            stream.append("data: ").append(Json.createObjectBuilder().add("id", "c").add("choices", Json
                    .createArrayBuilder().add(Json.createObjectBuilder().add("index", 0).add("delta",
                            Json.createObjectBuilder().add("content", text.substring(at, end))).addNull("finish_reason")))
                    .build()).append("\n\n");
            at = end;
        }
        if (finish) {
            stream.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        }
        return stream.append("data: [DONE]\n\n").toString();
    }

    /** The upstream's bytes arrive in reads of random sizes that cut events, lines and characters apart. */
    private static InputStream trickling(String body, Random random) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(40)));
            }
        };
    }

    private static String contentOf(String events) {
        StringBuilder content = new StringBuilder();
        for (String line : events.split("\n")) {
            if (line.startsWith("data: {")) {
                JsonObject delta = Json.createReader(new StringReader(line.substring(6))).readObject()
                        .getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
                if (delta.containsKey("content")) {
                    content.append(delta.getString("content"));
                }
            }
        }
        return content.toString();
    }

    private static String copyEvents(String body, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AnswerWatermarking(MARKING).copyEvents(trickling(body, random), out, new UsageScanner());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_stream_in_any_pieces_gets_the_marks_of_the_whole_answer_and_keeps_everything_else() throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        String answer = Json.createObjectBuilder().add("id", "c").add("choices", Json.createArrayBuilder().add(Json
                .createObjectBuilder().add("index", 0).add("message", Json.createObjectBuilder().add("role",
                        "assistant").add("content", TEXT)).add("finish_reason", "stop"))).build().toString();
        new AnswerWatermarking(MARKING).copyWhole(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
                whole, new UsageScanner());
        String marked = Json.createReader(new StringReader(whole.toString(StandardCharsets.UTF_8))).readObject()
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        assertNotEquals(TEXT, marked);
        assertTrue(InvisibleMark.decode(marked).isPresent());

        Random random = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            boolean finish = trial % 3 != 0; // a third of the streams end without a finish_reason
            String out = copyEvents(events(TEXT, random, finish), random);
            assertEquals(marked, contentOf(out), "trial " + trial);
            assertTrue(out.startsWith(": keep-alive comment\n\n"), "comments pass");
            assertTrue(out.endsWith("data: [DONE]\n\n"), "[DONE] stays last");
        }
    }

    @Test
    void what_is_not_the_expected_json_passes_unchanged() throws IOException {
        String odd = "event: ping\ndata: not json\n\ndata: {\"no\":\"choices\"}\n\ndata: {\"choices\":[1,\"x\"]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]}}]}\n\ndata: [DONE]\n\n";
        assertEquals(odd, copyEvents(odd, new Random(2)));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        byte[] notJson = "<html>upstream error page</html>".getBytes(StandardCharsets.UTF_8);
        new AnswerWatermarking(MARKING).copyWhole(new ByteArrayInputStream(notJson), whole, new UsageScanner());
        assertEquals("<html>upstream error page</html>", whole.toString(StandardCharsets.UTF_8));
    }
}
