package dev.moat.web.geo;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.geo.GeoPolicyService;
import dev.moat.geo.GeoRules;
import dev.moat.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's geo-fence for its keys. */
@Path("/v1/tenants/{tenantId}/geo-policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GeoPolicyResource {

    private final GeoPolicyService policies;
    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected GeoPolicyResource() {
        this(null, null);
    }

    @Inject
    public GeoPolicyResource(GeoPolicyService policies, CurrentCaller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "A tenant's geo policy")
    public GeoRules read(@PathParam("tenantId") String tenantId) {
        return policies.rules(caller.principal().requireVisible(tenantId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, TENANT_ADMIN})
    @Operation(summary = "Replace a tenant's geo policy",
            description = "countryMode ANY, ALLOW_LISTED or DENY_LISTED with countries (ISO codes); deniedAsns; "
                    + "denyAnonymous, denyHosting, denyUnknownLocation; impossibleTravelKmh (absent: off) and "
                    + "blockImpossibleTravel (otherwise only flagged). In force from the next request.")
    public GeoRules replace(@PathParam("tenantId") String tenantId, GeoRules rules) {
        if (rules == null) {
            throw new BadRequestException("a geo policy object is required");
        }
        return policies.replace(caller.principal().requireVisible(tenantId), rules);
    }
}
