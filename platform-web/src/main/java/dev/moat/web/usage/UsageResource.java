package dev.moat.web.usage;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.security.CurrentCaller;
import dev.moat.web.query.PageCursor;
import dev.moat.web.query.QueryParameters;
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
        PageCursor after = cursor == null ? null : PageCursor.parse(cursor);
        List<UsageEvent> events = usage.find(new UsageQuery(tenantFilter, key, QueryParameters.instant(from, "from"),
                QueryParameters.instant(to, "to"), after == null ? null : after.time(), after == null ? null : after.id(),
                limit));
        UsageEvent last = events.isEmpty() ? null : events.getLast();
        String next = events.size() < limit ? null : new PageCursor(last.facts().occurredAt(), last.id()).encoded();
        return new Page(events.stream().map(UsageEvent::facts).toList(), next);
    }
}
