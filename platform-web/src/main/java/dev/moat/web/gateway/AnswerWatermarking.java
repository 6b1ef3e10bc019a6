package dev.moat.web.gateway;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.watermark.Watermarker;
import dev.moat.watermarking.Watermarking;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watermarks the text of one answer on its way to the client: {@code choices[].message.content} (chat) or
 * {@code choices[].text} (completions), each choice with its own {@link Watermarker}. Streams stay streams:
 * each server-sent event is rewritten and passed on at once, holding back only a word still being written,
 * which follows in the next event (at the latest in the one with the choice's {@code finish_reason}).
 * Anything that is not the expected JSON passes unchanged.
 */
final class AnswerWatermarking {

    /** A whole answer larger than this passes unmarked rather than being held in memory. */
    private static final int LARGEST_MARKED_ANSWER = 8 * 1024 * 1024;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private final Watermarking watermarking;
    private final Map<Integer, Watermarker> choices = new TreeMap<>();
    private final List<Watermarker.Fingerprint> finished = new ArrayList<>();
    private JsonObject lastEvent;

    AnswerWatermarking(Watermarking watermarking) {
        this.watermarking = watermarking;
    }

    /** Fingerprints of the choices that ended, to be recorded once the answer is out. */
    List<Watermarker.Fingerprint> fingerprints() {
        return finished;
    }

    /** A whole JSON answer: read, marked, written. */
    void copyWhole(InputStream from, OutputStream to, UsageScanner usage) throws IOException {
        byte[] body = from.readNBytes(LARGEST_MARKED_ANSWER + 1);
        usage.scan(body, body.length);
        if (body.length > LARGEST_MARKED_ANSWER) {
            to.write(body);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = from.read(buffer)) >= 0) {
                usage.scan(buffer, read);
                to.write(buffer, 0, read);
            }
            return;
        }
        JsonObject answer = parse(new String(body, StandardCharsets.UTF_8));
        to.write(answer == null ? body : marked(answer, true).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Server-sent events, line by line, each event flushed as soon as it is complete. */
    void copyEvents(InputStream from, OutputStream to, UsageScanner usage) throws IOException {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int read;
        while ((read = from.read(buffer)) >= 0) {
            usage.scan(buffer, read);
            for (int i = 0; i < read; i++) {
                line.write(buffer[i]);
                if (buffer[i] == '\n') {
                    writeLine(line.toByteArray(), to);
                    line.reset();
                }
            }
            to.flush();
        }
        if (line.size() > 0) {
            writeLine(line.toByteArray(), to);
        }
        to.flush();
    }

    private void writeLine(byte[] line, OutputStream to) throws IOException {
        if (!startsWith(line, DATA)) {
            to.write(line);
            return;
        }
        String payload = new String(line, DATA.length, line.length - DATA.length, StandardCharsets.UTF_8).strip();
        if (payload.equals("[DONE]")) {
            writeUnfinished(to);
            to.write(line);
            return;
        }
        JsonObject event = parse(payload);
        if (event == null) {
            to.write(line);
            return;
        }
        lastEvent = event;
        to.write(("data: " + marked(event, false) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A stream that ended without a choice's finish_reason still gets its held-back word, in one more event. */
    private void writeUnfinished(OutputStream to) throws IOException {
        if (lastEvent == null) {
            return;
        }
        JsonArrayBuilder rest = JSON.createArrayBuilder();
        boolean any = false;
        for (Map.Entry<Integer, Watermarker> choice : choices.entrySet()) {
            String text = finish(choice.getValue());
            if (!text.isEmpty()) {
                any = true;
                rest.add(JSON.createObjectBuilder().add("index", choice.getKey())
                        .add("delta", JSON.createObjectBuilder().add("content", text)).addNull("finish_reason"));
            }
        }
        choices.clear();
        if (any) {
            to.write(("data: " + JSON.createObjectBuilder(lastEvent).add("choices", rest).build() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonObject marked(JsonObject answer, boolean whole) {
        if (!(answer.get("choices") instanceof jakarta.json.JsonArray list)) {
            return answer;
        }
        JsonArrayBuilder markedChoices = JSON.createArrayBuilder();
        for (JsonValue value : list) {
            if (!(value instanceof JsonObject choice)) {
                markedChoices.add(value);
                continue;
            }
            int index = choice.getInt("index", 0);
            boolean ends = whole || choice.get("finish_reason") instanceof JsonString;
            markedChoices.add(markedChoice(choice, index, ends));
        }
        return JSON.createObjectBuilder(answer).add("choices", markedChoices).build();
    }

    private JsonObjectBuilder markedChoice(JsonObject choice, int index, boolean ends) {
        JsonObjectBuilder marked = JSON.createObjectBuilder(choice);
        String container = choice.containsKey("message") ? "message" : choice.containsKey("delta") ? "delta" : null;
        if (container != null && choice.get(container) instanceof JsonObject message) {
            String text = message.get("content") instanceof JsonString content ? content.getString() : null;
            if (text != null || ends && choices.containsKey(index)) {
                String out = mark(index, text == null ? "" : text, ends);
                marked.add(container, JSON.createObjectBuilder(message).add("content", out));
            }
        } else if (choice.get("text") instanceof JsonString text) {
            marked.add("text", mark(index, text.getString(), ends));
        }
        return marked;
    }

    private String mark(int index, String text, boolean ends) {
        Watermarker marker = choices.computeIfAbsent(index, i -> watermarking.newWatermarker());
        String out = marker.accept(text);
        if (ends) {
            out += finish(marker);
            choices.remove(index);
        }
        return out;
    }

    private String finish(Watermarker marker) {
        String rest = marker.finish();
        finished.add(marker.fingerprint());
        return rest;
    }

    private static JsonObject parse(String json) {
        if (json.isEmpty() || json.charAt(0) != '{') {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
