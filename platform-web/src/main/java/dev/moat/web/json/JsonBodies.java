package dev.moat.web.json;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.ratelimit.Limits;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BadRequestException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies by hand where a clear error per field matters: each wrong type or value gets an
 * error naming the field.
 */
public final class JsonBodies {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private JsonBodies() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("a JSON object is required");
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequestException("a JSON object is required");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new BadRequestException("The request body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw new BadRequestException("The request body is not valid JSON.");
        }
    }

    /** The field's text, {@code null} when absent or JSON null. */
    public static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadRequestException(field + " must be a string");
    }

    public static List<String> texts(JsonObject json, String field) {
        JsonArray array = array(json, field);
        if (array == null) {
            return null;
        }
        return array.stream().map(item -> {
            if (item instanceof JsonString string) {
                return string.getString();
            }
            throw new BadRequestException(field + " must be an array of strings");
        }).toList();
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", got '" + text + "'");
        }
    }

    public static JsonArray array(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        throw new BadRequestException(field + " must be an array");
    }

    /**
     * A whole number read exactly, {@code null} when absent or JSON null. Bound by JSON-B into a Long or an Integer,
     * 10.5 became 10 and a number beyond the type's range wrapped around.
     */
    public static Long whole(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return whole(number.bigDecimalValue(), field);
        }
        throw new BadRequestException(field + " must be a whole number or null");
    }

    /** The same for a number JSON-B bound into a {@link BigDecimal}. */
    public static Long whole(BigDecimal number, String field) {
        if (number == null) {
            return null;
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0 || number.compareTo(LONG_MIN) < 0
                || number.compareTo(LONG_MAX) > 0) {
            throw new BadRequestException(field + " must be a whole number or null, got " + number);
        }
        return number.longValueExact();
    }

    /** Rate and token limits, such as {@code {"requestsPerMinute": 60}}; an absent field means no limit. */
    public static Limits limits(JsonObject limits) {
        return new Limits(whole(limits, "requestsPerMinute"), whole(limits, "tokensPerMinute"),
                whole(limits, "tokensPerDay"));
    }
}
