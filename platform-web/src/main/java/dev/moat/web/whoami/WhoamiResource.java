package dev.moat.web.whoami;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/whoami")
@RequestScoped
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class WhoamiResource {

    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected WhoamiResource() {
        this(null);
    }

    @Inject
    public WhoamiResource(CurrentCaller caller) {
        this.caller = caller;
    }

    /** The caller as Moat sees it. */
    public record Whoami(String subject, String userName, List<String> roles, String tenant) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who is calling", description = "Subject, user name, Moat roles and tenant (if any) of the token's owner.")
    public Whoami whoami() {
        MoatPrincipal principal = caller.principal();
        return new Whoami(principal.subject(), principal.userName(), principal.roles().stream().sorted().toList(),
                principal.tenant().orElse(null));
    }
}
