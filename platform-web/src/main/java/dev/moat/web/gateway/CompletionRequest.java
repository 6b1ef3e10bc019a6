package dev.moat.web.gateway;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.JsonException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The few fields of an OpenAI request body that the gateway decides on; the body itself is forwarded
 * byte for byte. Reads only the top level of the JSON object, without building it.
 */
record CompletionRequest(String model, boolean stream) {

    /** Json.createParser looks the provider up with a ServiceLoader on every call: once is enough. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /** @return empty when the body is not a JSON object with a string {@code model} */
    static Optional<CompletionRequest> parse(byte[] body) {
        String model = null;
        boolean stream = false;
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String field = parser.getString();
                JsonParser.Event value = parser.next();
                if ("model".equals(field) && value == JsonParser.Event.VALUE_STRING) {
                    model = parser.getString();
                } else if ("stream".equals(field)) {
                    stream = value == JsonParser.Event.VALUE_TRUE;
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            if (parser.hasNext()) {
                return Optional.empty();
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return Optional.empty();
        }
        return model == null ? Optional.empty() : Optional.of(new CompletionRequest(model, stream));
    }
}
