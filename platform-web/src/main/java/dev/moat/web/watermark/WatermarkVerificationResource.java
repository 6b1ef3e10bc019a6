package dev.moat.web.watermark;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.incident.Evidence;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentService;
import dev.moat.key.KeyService;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.TenantId;
import dev.moat.watermarking.WatermarkVerifier;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Verification of suspect text against every tenant's watermark secrets. */
@Path("/v1/watermarks/verify")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WatermarkVerificationResource {

    /** Characters of suspect text one verification takes (about 2 million words). */
    static final long MAX_CHARACTERS = 10_000_000;

    private final WatermarkVerifier verifier;
    private final KeyService keys;
    private final IncidentService incidents;
    private final CurrentCaller caller;

    /** For CDI's client proxy only. */
    protected WatermarkVerificationResource() {
        this(null, null, null, null);
    }

    @Inject
    public WatermarkVerificationResource(WatermarkVerifier verifier, KeyService keys, IncidentService incidents,
                                         CurrentCaller caller) {
        this.verifier = verifier;
        this.keys = keys;
        this.incidents = incidents;
        this.caller = caller;
    }

    /**
     * One text or many (a corpus of a suspect model's outputs); {@code tenant} limits the check to one tenant;
     * {@code knownOutputs} scores only positions Moat recorded as marked; {@code incidentId} attaches the result to
     * that case as evidence.
     */
    public record VerifyRequest(String text, List<String> texts, String tenant, Boolean knownOutputs,
                                String incidentId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Verify suspect text for Moat's watermarks",
            description = "Scores the text (text, or texts as one corpus) against every tenant's secret versions and "
                    + "answers per tenant and version: positions scored, matches, z, p-value, corrected p-value and "
                    + "verdict at the configured false-positive rate; plus invisible marks and verbatim copies of "
                    + "served answers. Up to 10,000,000 characters (413 above).")
    public WatermarkVerifier.Verification verify(@HeaderParam("Content-Length") Long contentLength,
                                                 VerifyRequest request) {
        if (contentLength != null && contentLength > 4 * MAX_CHARACTERS) {
            throw tooLarge();
        }
        if (request == null) {
            throw new BadRequestException("a JSON object with text or texts is required");
        }
        List<String> texts = new ArrayList<>();
        if (request.text() != null) {
            texts.add(request.text());
        }
        if (request.texts() != null) {
            request.texts().stream().filter(t -> t != null).forEach(texts::add);
        }
        long characters = texts.stream().mapToLong(String::length).sum();
        if (characters == 0) {
            throw new BadRequestException("text or texts must hold the suspect text; nothing to verify");
        }
        if (characters > MAX_CHARACTERS) {
            throw tooLarge();
        }
        MoatPrincipal principal = caller.principal();
        Optional<TenantId> only = principal.tenant().map(TenantId::new);
        if (request.tenant() != null && !request.tenant().isBlank()) {
            only = Optional.of(principal.requireVisible(request.tenant()));
        }
        WatermarkVerifier.Verification verification = verifier.verify(texts, only,
                Boolean.TRUE.equals(request.knownOutputs()),
                tenant -> keys.list(tenant).stream().map(key -> key.id().value()).toList());
        if (request.incidentId() != null && !request.incidentId().isBlank()) {
            incidents.attach(IncidentId.parse(request.incidentId()), Evidence.Kind.WATERMARK_VERIFICATION,
                    verification.evidenceSummary(), verification.evidenceDetail());
        }
        return verification;
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException("Suspect text is limited to " + MAX_CHARACTERS + " characters per"
                + " verification; split the corpus", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
}
