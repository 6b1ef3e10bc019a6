package dev.moat.domain;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;

/**
 * An administrative change, fired by the service that makes it inside its transaction: the audit entry
 * commits with the change or not at all. States are small JSON snapshots, never holding secrets.
 *
 * @param action  what happened, such as {@code key.revoked}
 * @param target  what it happened to, such as {@code key:3kq9x0abcd12}
 * @param before  the state before, or {@code null} for a creation
 * @param after   the state after, or {@code null} for a deletion
 */
public record AuditedChange(String action, String target, String tenantId, JsonObject before, JsonObject after) {

    /** A snapshot from name, value pairs: nulls, numbers, booleans, collections (as arrays) and text. */
    public static JsonObject state(Object... namesAndValues) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            switch (value) {
                case null -> json.addNull(name);
                case Boolean flag -> json.add(name, flag);
                case Long number -> json.add(name, number);
                case Integer number -> json.add(name, number);
                case JsonObject object -> json.add(name, object);
                case Collection<?> items -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    items.forEach(item -> array.add(String.valueOf(item)));
                    json.add(name, array);
                }
                default -> json.add(name, value.toString());
            }
        }
        return json.build();
    }
}
