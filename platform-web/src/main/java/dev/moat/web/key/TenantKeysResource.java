package dev.moat.web.key;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.key.ApiKey;
import dev.moat.key.KeyService;
import dev.moat.key.KeyService.IssuedKey;
import dev.moat.net.Cidr;
import dev.moat.ratelimit.Limits;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.TenantId;
import dev.moat.usage.UsageService;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Path("/v1/tenants/{tenantId}/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantKeysResource {

    private final KeyService keys;
    private final UsageService usage;
    private final CurrentCaller caller;
    private final Clock clock;

    /** For CDI's client proxy only. */
    protected TenantKeysResource() {
        this(null, null, null, null);
    }

    @Inject
    public TenantKeysResource(KeyService keys, UsageService usage, CurrentCaller caller, Clock clock) {
        this.keys = keys;
        this.usage = usage;
        this.caller = caller;
        this.clock = clock;
    }

    /** {@code limits} as in {@code PUT /api/v1/keys/{keyId}/limits}, read exactly ({@link JsonBodies#limits}). */
    public record NewKeyRequest(String name, List<String> allowedModels, List<String> ipAllowList, Instant expiresAt,
                                @Schema(implementation = Limits.class) JsonObject limits) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, TENANT_ADMIN})
    @Operation(summary = "Create an API key",
            description = "The answer holds the full key (field key) once; Moat keeps only a keyed hash of it.")
    public Response create(@PathParam("tenantId") String tenantId, NewKeyRequest request, @Context UriInfo uriInfo) {
        TenantId tenant = caller.principal().requireVisible(tenantId);
        if (request == null || request.name() == null) {
            throw new BadRequestException("name is required");
        }
        List<Cidr> allowList = request.ipAllowList() == null ? List.of()
                : request.ipAllowList().stream().map(Cidr::parse).toList();
        MoatPrincipal principal = caller.principal();
        IssuedKey issued = keys.issue(tenant,
                new KeyService.NewKey(request.name(), request.allowedModels(), allowList, request.expiresAt(),
                        request.limits() == null ? null : JsonBodies.limits(request.limits())),
                principal.userName());
        return Response.created(uriInfo.getBaseUriBuilder().path("v1/keys").path(issued.key().id().value()).build())
                .entity(new KeyView.Issued(issued.plainText(), issued.signingSecret(), KeyView.of(issued.key(), clock.instant())))
                .build();
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "List a tenant's API keys", description = "Status, limits and last use; never secrets.")
    public List<KeyView> list(@PathParam("tenantId") String tenantId) {
        Instant now = clock.instant();
        List<ApiKey> tenantKeys = keys.list(caller.principal().requireVisible(tenantId));
        Map<String, UsageService.LastUse> lastUses = usage.lastUses(tenantKeys.stream().map(k -> k.id().value()).toList());
        return tenantKeys.stream().map(k -> KeyView.of(k, now, lastUses.get(k.id().value())).seenBy(caller.principal()))
                .toList();
    }
}
