package dev.moat.ui.watermark;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Reads suspect texts out of uploaded JSON-lines files, as models' outputs are usually collected. */
final class SuspectFiles {

    private static final List<String> TEXT_FIELDS = List.of("text", "response", "content", "completion", "output");

    private SuspectFiles() {
    }

    /** A text per line: the line's JSON string, or the first text field of its object; other lines are skipped. */
    static List<String> jsonLines(String content) {
        List<String> texts = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonReader reader = JSON.createReader(new StringReader(line))) {
                JsonValue value = reader.readValue();
                if (value instanceof JsonString text) {
                    texts.add(text.getString());
                } else if (value instanceof JsonObject object) {
                    TEXT_FIELDS.stream().filter(f -> object.get(f) instanceof JsonString).findFirst()
                            .ifPresent(f -> texts.add(object.getString(f)));
                }
            } catch (JsonException e) {
                // not JSON: a line of plain text in a file named .jsonl
                texts.add(line);
            }
        }
        return texts;
    }
}
