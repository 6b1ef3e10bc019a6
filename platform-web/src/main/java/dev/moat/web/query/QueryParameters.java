package dev.moat.web.query;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read with an error that names the parameter and shows the expected form. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The instant, or {@code null} when the parameter is absent. */
    public static Instant instant(String value, String name) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-26T08:00:00Z");
        }
    }
}
