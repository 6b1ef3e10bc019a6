package dev.moat.web.ratelimit;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.domain.NotFound;
import dev.moat.ratelimit.Limits;
import dev.moat.security.CurrentCaller;
import dev.moat.tenant.TenantService;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** A tenant's limits, shared by all its keys; each key may have tighter ones of its own. */
@Path("/v1/tenants/{tenantId}/limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

    private final TenantService tenants;
    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected LimitsResource() {
        this(null, null);
    }

    @Inject
    public LimitsResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "A tenant's rate and token limits", description = "Absent fields mean no limit of that kind.")
    public Limits read(@PathParam("tenantId") String tenantId) {
        return tenants.find(caller.principal().requireVisible(tenantId)).orElseThrow(() -> new NotFound("No tenant '" + tenantId + "'")).limits();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Set a tenant's rate and token limits",
            description = "requestsPerMinute, tokensPerMinute, tokensPerDay; absent means no limit. In force from the next request.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Limits.class)))
    public Limits replace(@PathParam("tenantId") String tenantId, String body) {
        return tenants.limit(caller.principal().requireVisible(tenantId), JsonBodies.limits(JsonBodies.object(body)))
                .limits();
    }
}
