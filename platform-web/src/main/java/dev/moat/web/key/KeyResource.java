package dev.moat.web.key;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.detection.Assessment;
import dev.moat.detection.DetectionReporter;
import dev.moat.domain.NotFound;
import dev.moat.key.ApiKey;
import dev.moat.key.KeyId;
import dev.moat.key.KeyService;
import dev.moat.key.KeyService.IssuedKey;
import dev.moat.ratelimit.Limits;
import dev.moat.security.CurrentCaller;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

@Path("/v1/keys/{keyId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    private final KeyService keys;
    private final CurrentCaller caller;
    private final Clock clock;
    private final DetectionReporter detections;

    /** For CDI's client proxy only. */
    protected KeyResource() {
        this(null, null, null, null);
    }

    @Inject
    public KeyResource(KeyService keys, CurrentCaller caller, Clock clock, DetectionReporter detections) {
        this.keys = keys;
        this.caller = caller;
        this.clock = clock;
        this.detections = detections;
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Read an API key", description = "Status and settings; never its secret.")
    public KeyView read(@PathParam("keyId") String keyId) {
        return view(visibleKey(keyId));
    }

    @POST
    @Path("/rotate")
    @RolesAllowed({PLATFORM_ADMIN, TENANT_ADMIN})
    @Operation(summary = "Rotate an API key",
            description = "Issues a new secret (shown once, field key); the previous one stays valid for the "
                    + "grace period (MOAT_KEYS_ROTATION_GRACE, default 24 h).")
    public KeyView.Issued rotate(@PathParam("keyId") String keyId) {
        IssuedKey issued = keys.rotate(visibleKey(keyId).id());
        return new KeyView.Issued(issued.plainText(), issued.signingSecret(), view(issued.key()));
    }

    @POST
    @Path("/revoke")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, TENANT_ADMIN})
    @Operation(summary = "Revoke an API key", description = "Takes effect on the key's next request.")
    public KeyView revoke(@PathParam("keyId") String keyId) {
        return view(keys.revoke(visibleKey(keyId).id()));
    }

    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, TENANT_ADMIN})
    @Operation(summary = "Set an API key's own rate and token limits",
            description = "On top of its tenant's limits; absent fields mean no limit of that kind.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Limits.class)))
    public KeyView limit(@PathParam("keyId") String keyId, String body) {
        return view(keys.limit(visibleKey(keyId).id(), JsonBodies.limits(JsonBodies.object(body))));
    }

    /** Why a key is declared its tenant's own workload. */
    public record OwnWorkload(String reason) {
    }

    @PUT
    @Path("/own-workload")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Declare an API key its tenant's own workload",
            description = "For a workload that sweeps over tasks as a distiller does, such as the tenant's own "
                    + "evaluation harness: behavioural detection still assesses the key but opens no case for it and "
                    + "links it into no campaign, from its next request on. Inspection rules still apply. Body: "
                    + "{\"reason\": \"…\"} (1 to 200 characters, kept in the audit log). Not for tenant "
                    + "administrators: the operators of the model decide whom they trust.")
    public KeyView declareOwnWorkload(@PathParam("keyId") String keyId, OwnWorkload declaration) {
        if (declaration == null || declaration.reason() == null) {
            throw new BadRequestException("a reason is required: {\"reason\": \"…\"}");
        }
        return view(keys.declareOwnWorkload(visibleKey(keyId).id(), declaration.reason()));
    }

    @DELETE
    @Path("/own-workload")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Withdraw the declaration of an API key as its tenant's own workload",
            description = "Behavioural detection reports and links the key again from its next request on.")
    public KeyView withdrawOwnWorkload(@PathParam("keyId") String keyId) {
        return view(keys.declareOwnWorkload(visibleKey(keyId).id(), null));
    }

    /** The behavioural assessment as the detector last made it, with each reason and the feature values. */
    public record BehaviourView(String keyId, int score, int threshold, boolean suspicious,
                                List<Assessment.Reason> reasons, Map<String, Object> features) {
    }

    @GET
    @Path("/behaviour")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "How behavioural detection sees an API key",
            description = "The score, every reason for and against distillation with its points, and the features "
                    + "measured over the key's recent requests; no features when the key has sent no inspected "
                    + "request since Moat started (the detector's memory is not kept over a restart).")
    public BehaviourView behaviour(@PathParam("keyId") String keyId) {
        ApiKey key = visibleKey(keyId);
        return detections.behaviourOf(key.id().value())
                .map(seen -> new BehaviourView(keyId, seen.score(), Assessment.THRESHOLD, seen.suspicious(),
                        seen.reasons(), seen.features().values()))
                .orElseGet(() -> new BehaviourView(keyId, 0, Assessment.THRESHOLD, false, List.of(new Assessment.Reason(
                        0, "no inspected request of this key since Moat started")), Map.of()));
    }

    /** The key as this caller may see it. */
    private KeyView view(ApiKey key) {
        return KeyView.of(key, clock.instant()).seenBy(caller.principal());
    }

    private ApiKey visibleKey(String keyId) {
        if (!KeyId.isWellFormed(keyId)) {
            throw new NotFound("No key '" + keyId + "'");
        }
        ApiKey key = keys.find(new KeyId(keyId));
        if (!caller.principal().maySee(key.tenant().value())) {
            throw new NotFound("No key '" + keyId + "'");
        }
        return key;
    }
}
