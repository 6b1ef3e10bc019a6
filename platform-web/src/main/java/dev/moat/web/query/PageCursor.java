package dev.moat.web.query;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a list ended, as the sort key of its last item (a time and an id), opaque to clients: the
 * next page starts strictly after it, so items added meanwhile neither repeat nor go missing.
 */
public record PageCursor(Instant time, String id) {

    /** @throws BadRequestException for a cursor this API did not give out */
    public static PageCursor parse(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageCursor(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw new BadRequestException("cursor is not one this API gave out");
        }
    }

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
