package dev.moat.web.tenant;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.domain.NotFound;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService tenants;
    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected TenantResource() {
        this(null, null);
    }

    @Inject
    public TenantResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    /** A tenant as the API shows it; the upstream API key is write-only: only whether there is one. */
    public record TenantView(String id, String name, String upstreamBaseUrl, boolean hasUpstreamApiKey,
                             Long upstreamConnectTimeoutMillis, Long upstreamReadTimeoutMillis,
                             boolean requireRequestSigning, Instant createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id().value(), tenant.name(), tenant.upstreamBaseUrl().toString(),
                    tenant.sealedUpstreamApiKey().isPresent(),
                    tenant.upstreamConnectTimeout().map(Duration::toMillis).orElse(null),
                    tenant.upstreamReadTimeout().map(Duration::toMillis).orElse(null), tenant.requiresRequestSigning(),
                    tenant.createdAt());
        }
    }

    public record NewTenant(String id, String name, String upstreamBaseUrl, String upstreamApiKey) {
        @Override
        public String toString() {
            return "NewTenant[" + id + "]";
        }
    }

    /**
     * Absent fields stay as they are; an empty upstreamApiKey removes it; a timeout of 0 returns to the default.
     * The timeouts are read exactly ({@link JsonBodies#whole}): bound to a Long, 1500.9 ms became 1500.
     */
    public record TenantPatch(String name, String upstreamBaseUrl, String upstreamApiKey,
                              BigDecimal upstreamConnectTimeoutMillis, BigDecimal upstreamReadTimeoutMillis,
                              Boolean requireRequestSigning) {
        @Override
        public String toString() {
            return "TenantPatch[" + name + "]";
        }
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "List tenants", description = "A tenant admin sees only its own tenant.")
    public List<TenantView> list() {
        MoatPrincipal principal = caller.principal();
        return tenants.list().stream()
                .filter(t -> principal.maySee(t.id().value()))
                .map(TenantView::of)
                .toList();
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Read a tenant")
    public TenantView read(@PathParam("tenantId") String tenantId) {
        return tenants.find(caller.principal().requireVisible(tenantId)).map(TenantView::of)
                .orElseThrow(() -> new NotFound("No tenant '" + tenantId + "'"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(summary = "Create a tenant")
    public Response create(NewTenant request, @Context UriInfo uriInfo) {
        if (request == null || request.id() == null || request.upstreamBaseUrl() == null) {
            throw new BadRequestException("id, name and upstreamBaseUrl are required");
        }
        Tenant created = tenants.create(new TenantId(request.id()), request.name(), parseUrl(request.upstreamBaseUrl()),
                request.upstreamApiKey());
        URI location = uriInfo.getAbsolutePathBuilder().path(created.id().value()).build();
        return Response.created(location).entity(TenantView.of(created)).build();
    }

    @PATCH
    @Path("/{tenantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(summary = "Change a tenant",
            description = "name, upstreamBaseUrl, upstreamApiKey (write-only; empty removes it), "
                    + "upstreamConnectTimeoutMillis and upstreamReadTimeoutMillis (0: the gateway's default), "
                    + "requireRequestSigning (every gateway request then also needs X-Moat-Timestamp and "
                    + "X-Moat-Signature made with the key's signing secret). "
                    + "Absent fields stay as they are; in force from the next request.")
    public TenantView update(@PathParam("tenantId") String tenantId, TenantPatch patch) {
        if (patch == null) {
            throw new BadRequestException("a JSON object with the fields to change is required");
        }
        Tenant changed = tenants.update(new TenantId(tenantId), new TenantService.TenantChange(patch.name(),
                patch.upstreamBaseUrl() == null ? null : parseUrl(patch.upstreamBaseUrl()), patch.upstreamApiKey(),
                millis(patch.upstreamConnectTimeoutMillis(), "upstreamConnectTimeoutMillis"),
                millis(patch.upstreamReadTimeoutMillis(), "upstreamReadTimeoutMillis"),
                patch.requireRequestSigning()));
        return TenantView.of(changed);
    }

    private static Duration millis(BigDecimal millis, String field) {
        Long whole = JsonBodies.whole(millis, field);
        return whole == null ? null : Duration.ofMillis(whole);
    }

    private static URI parseUrl(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            // Not the exception's message: it repeats the URL, and with it any password written into it.
            throw new BadRequestException("upstreamBaseUrl is not a URL"
                    + (e.getCause() instanceof URISyntaxException syntax
                    ? ": " + syntax.getReason() + " at index " + syntax.getIndex() : ""));
        }
    }
}
