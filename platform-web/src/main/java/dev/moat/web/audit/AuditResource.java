package dev.moat.web.audit;

import static dev.moat.domain.JsonOnce.JSON;
import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;

import dev.moat.audit.AuditChainCheck;
import dev.moat.audit.AuditEntry;
import dev.moat.audit.AuditRepository.AuditQuery;
import dev.moat.audit.AuditService;
import dev.moat.web.query.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The tamper-evident audit log of administrative changes. */
@Path("/v1/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_PAGE = 1000;

    private final AuditService audit;

    /** For CDI's client proxy only. */
    protected AuditResource() {
        this(null);
    }

    @Inject
    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    public record EntryView(long seq, Instant at, String actor, String actorAddress, String action, String target,
                            String tenant, JsonValue before, JsonValue after, String hash) {
        static EntryView of(AuditEntry entry) {
            return new EntryView(entry.seq(), entry.occurredAt(), entry.actor(), entry.actorAddress(), entry.action(),
                    entry.target(), entry.tenantId(), json(entry.before()), json(entry.after()), entry.hash());
        }

        private static JsonValue json(String state) {
            return state == null ? JsonValue.NULL : JSON.createReader(new StringReader(state)).readValue();
        }
    }

    public record Page(List<EntryView> items, String next) {
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, AUDITOR})
    @Operation(summary = "Audit log entries", description = "Newest first. Filters: tenant, actor, action (such as "
            + "key.revoked), target (a prefix, such as key: or tenant:acme), from and to (ISO-8601 instants); pages "
            + "of up to limit (default 100, at most 1000) continued with cursor. States before and after never hold "
            + "secrets.")
    public Page list(@QueryParam("tenant") String tenant, @QueryParam("actor") String actor,
                     @QueryParam("action") String action, @QueryParam("target") String target,
                     @QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("limit must be 1.." + MAX_PAGE);
        }
        Long before;
        try {
            before = cursor == null ? null : Long.valueOf(cursor);
        } catch (NumberFormatException e) {
            throw new BadRequestException("cursor is not one this API gave out");
        }
        List<AuditEntry> entries = audit.find(new AuditQuery(tenant, actor, action, target,
                QueryParameters.instant(from, "from"), QueryParameters.instant(to, "to"), before, limit));
        return new Page(entries.stream().map(EntryView::of).toList(),
                entries.size() < limit ? null : String.valueOf(entries.getLast().seq()));
    }

    @GET
    @Path("/verify")
    @RolesAllowed({PLATFORM_ADMIN, AUDITOR})
    @Operation(summary = "Verify the audit chain", description = "Recomputes every entry's hash and link; intact, "
            + "or the first entry that was changed, removed or reordered.")
    public AuditChainCheck.Verdict verify() {
        return audit.verify();
    }
}
