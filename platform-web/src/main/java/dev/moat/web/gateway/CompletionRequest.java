package dev.moat.web.gateway;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.inspection.RequestContext;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The fields of an OpenAI request body that the gateway decides on: the model, streaming, and what inspection
 * looks at (the messages' text, n, logprobs, sampling). The body itself is forwarded byte for byte. Read in one
 * pass of a streaming parser, without building the JSON tree.
 */
record CompletionRequest(String model, boolean stream, List<RequestContext.Message> messages, Integer n,
                         boolean logprobs, Integer topLogprobs, Double temperature, Integer maxTokens) {

    private static final int DECODER_BUFFER_BYTES = 8192;
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);

    RequestContext inspected() {
        return RequestContext.of(model, messages, n, logprobs, topLogprobs, temperature, maxTokens);
    }

    /**
     * JSON between systems is UTF-8 (RFC 8259). A reader over the bytes allocates an 8 KB decoder buffer, more
     * than most requests; a string of a large body would be a second copy of it.
     */
    private static Reader reader(byte[] body) {
        return body.length <= DECODER_BUFFER_BYTES ? new StringReader(new String(body, StandardCharsets.UTF_8))
                : new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
    }

    /**
     * @throws Invalid when the body is not a JSON object with a string {@code model}, or when a field the gateway
     *     decides on has the wrong type: a model server that coerces {@code "n": "8"} or {@code "logprobs": "true"}
     *     would otherwise act on what inspection never saw
     */
    static CompletionRequest parse(byte[] body) throws Invalid {
        String model = null;
        boolean stream = false;
        List<RequestContext.Message> messages = new ArrayList<>();
        Integer n = null;
        boolean logprobs = false;
        Integer topLogprobs = null;
        Double temperature = null;
        Integer maxTokens = null;
        try (JsonParser parser = JSON.createParser(reader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw Invalid.NOT_A_REQUEST;
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String field = parser.getString();
                JsonParser.Event value = parser.next();
                switch (field) {
                    case "model" -> model = value == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                    case "stream" -> stream = flag(field, value);
                    case "messages" -> readMessages(parser, value, messages);
                    case "prompt" -> readPrompt(parser, value, messages);
                    case "n" -> n = whole(parser, field, value);
                    case "logprobs" -> {
                        // chat: true/false; legacy completions: the number of alternatives
                        if (value == JsonParser.Event.VALUE_NUMBER) {
                            int alternatives = whole(parser, field, value);
                            logprobs = alternatives > 0;
                            topLogprobs = topLogprobs == null ? alternatives : topLogprobs;
                        } else {
                            logprobs = flag(field, value);
                        }
                    }
                    case "top_logprobs" -> topLogprobs = whole(parser, field, value);
                    case "temperature" -> temperature = number(parser, field, value);
                    case "max_tokens", "max_completion_tokens" -> maxTokens = whole(parser, field, value);
                    default -> skip(parser, value);
                }
            }
            if (parser.hasNext()) {
                throw Invalid.NOT_A_REQUEST;
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException | ArithmeticException
                 | NumberFormatException | UnsupportedOperationException e) { // Parsson: a number of 1,100 digits
            throw Invalid.NOT_A_REQUEST;
        }
        if (model == null) {
            throw Invalid.NOT_A_REQUEST;
        }
        return new CompletionRequest(model, stream, messages, n, logprobs, topLogprobs, temperature, maxTokens);
    }

    /** A body the gateway cannot act on, with the message for the client. */
    static final class Invalid extends Exception {

        static final Invalid NOT_A_REQUEST = new Invalid("The body must be a JSON object with a string field model.");

        private Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Chat messages: a role and a content that is text or a list of parts, of which the text parts count. */
    private static void readMessages(JsonParser parser, JsonParser.Event value, List<RequestContext.Message> into) {
        if (value != JsonParser.Event.START_ARRAY) {
            skip(parser, value);
            return;
        }
        for (JsonParser.Event item = parser.next(); item != JsonParser.Event.END_ARRAY; item = parser.next()) {
            if (item != JsonParser.Event.START_OBJECT) {
                skip(parser, item);
                continue;
            }
            String role = "user";
            StringBuilder content = new StringBuilder();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String field = parser.getString();
                JsonParser.Event fieldValue = parser.next();
                if ("role".equals(field) && fieldValue == JsonParser.Event.VALUE_STRING) {
                    role = parser.getString();
                } else if ("content".equals(field)) {
                    readText(parser, fieldValue, content);
                } else {
                    skip(parser, fieldValue);
                }
            }
            into.add(new RequestContext.Message(role, content.toString()));
        }
    }

    /** Legacy completions: a prompt string or a list of them, read as user messages. */
    private static void readPrompt(JsonParser parser, JsonParser.Event value, List<RequestContext.Message> into) {
        StringBuilder prompt = new StringBuilder();
        readText(parser, value, prompt);
        into.add(new RequestContext.Message("user", prompt.toString()));
    }

    /** Text, or the text of a list of strings and {"type": "text", "text": …} parts. */
    private static void readText(JsonParser parser, JsonParser.Event value, StringBuilder into) {
        if (value == JsonParser.Event.VALUE_STRING) {
            into.append(parser.getString());
        } else if (value == JsonParser.Event.START_ARRAY) {
            for (JsonParser.Event item = parser.next(); item != JsonParser.Event.END_ARRAY; item = parser.next()) {
                if (item == JsonParser.Event.VALUE_STRING) {
                    into.append(into.isEmpty() ? "" : "\n").append(parser.getString());
                } else if (item == JsonParser.Event.START_OBJECT) {
                    for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT;
                         event = parser.next()) {
                        String field = parser.getString();
                        JsonParser.Event part = parser.next();
                        if ("text".equals(field) && part == JsonParser.Event.VALUE_STRING) {
                            into.append(into.isEmpty() ? "" : "\n").append(parser.getString());
                        } else {
                            skip(parser, part);
                        }
                    }
                } else {
                    skip(parser, item);
                }
            }
        } else {
            skip(parser, value);
        }
    }

    private static boolean flag(String field, JsonParser.Event value) throws Invalid {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw new Invalid("The field " + field + " must be true or false.");
        };
    }

    /** A whole number (5.0 too), beyond an int's range read as its limit; null when JSON null. */
    private static Integer whole(JsonParser parser, String field, JsonParser.Event value) throws Invalid {
        if (value == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        BigDecimal number = value == JsonParser.Event.VALUE_NUMBER ? parser.getBigDecimal() : null;
        if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw new Invalid("The field " + field + " must be a whole number.");
        }
        return number.compareTo(INT_MAX) > 0 ? Integer.MAX_VALUE
                : number.compareTo(INT_MIN) < 0 ? Integer.MIN_VALUE : number.intValue();
    }

    private static Double number(JsonParser parser, String field, JsonParser.Event value) throws Invalid {
        if (value == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (value != JsonParser.Event.VALUE_NUMBER) {
            throw new Invalid("The field " + field + " must be a number.");
        }
        return parser.getBigDecimal().doubleValue();
    }

    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
    }
}
