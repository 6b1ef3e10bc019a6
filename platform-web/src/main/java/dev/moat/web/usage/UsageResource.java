package dev.moat.web.usage;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.usage.UsageEvent;
import dev.moat.usage.UsageRepository.UsageQuery;
import dev.moat.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Usage events of the gateway, newest first, in pages that a cursor continues. */
@Path("/v1/usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private static final int MAX_PAGE = 1000;

    private final UsageService usage;
    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected UsageResource() {
        this(null, null);
    }

    @Inject
    public UsageResource(UsageService usage, CurrentCaller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    /** One page; {@code nextCursor} is absent on the last one. */
    public record Page(List<UsageEvent.Facts> items, String nextCursor) {
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Gateway usage events",
            description = "Filters: tenant, key, from and to (ISO-8601 instants); pages of up to limit (default 100, "
                    + "at most 1000), continued with cursor. A tenant admin sees only its tenant.")
    public Page list(@QueryParam("tenant") String tenant, @QueryParam("key") String key,
                     @QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("limit must be 1.." + MAX_PAGE);
        }
        MoatPrincipal principal = caller.principal();
        String tenantFilter = principal.tenant().orElse(tenant);
        if (tenant != null && !principal.maySee(tenant)) {
            return new Page(List.of(), null);
        }
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        List<UsageEvent> events = usage.find(new UsageQuery(tenantFilter, key, instant(from, "from"), instant(to, "to"),
                after == null ? null : after.time(), after == null ? null : after.id(), limit));
        String next = events.size() < limit ? null : Cursor.of(events.getLast()).encoded();
        return new Page(events.stream().map(UsageEvent::facts).toList(), next);
    }

    private static Instant instant(String value, String name) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-26T08:00:00Z");
        }
    }

    /** Where a page ended: the last event's time and id, opaque to clients. */
    private record Cursor(Instant time, String id) {
        static Cursor of(UsageEvent last) {
            return new Cursor(last.facts().occurredAt(), last.id());
        }

        static Cursor parse(String encoded) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new BadRequestException("cursor is not one this API gave out");
            }
        }

        String encoded() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }
}
