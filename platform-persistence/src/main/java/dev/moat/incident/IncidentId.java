package dev.moat.incident;

import dev.moat.domain.NotFound;
import java.util.regex.Pattern;

/** A case's readable id, {@code MOAT-<number>}. */
public record IncidentId(long number) {

    private static final Pattern FORMAT = Pattern.compile("MOAT-([1-9][0-9]{0,17})");

    public IncidentId {
        if (number < 1) {
            throw new IllegalArgumentException("case numbers start at 1");
        }
    }

    /** @throws NotFound for anything that is not a case id: to callers it names no case */
    public static IncidentId parse(String text) {
        var match = text == null ? null : FORMAT.matcher(text);
        if (match == null || !match.matches()) {
            throw new NotFound("No case '" + text + "' (case ids look like MOAT-12)");
        }
        return new IncidentId(Long.parseLong(match.group(1)));
    }

    @Override
    public String toString() {
        return "MOAT-" + number;
    }
}
