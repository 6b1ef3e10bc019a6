package dev.moat.web.incident;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import dev.moat.domain.NotFound;
import dev.moat.domain.Sha256;
import dev.moat.incident.CaseRelationsService;
import dev.moat.incident.ContainmentService;
import dev.moat.incident.EvidencePackService;
import dev.moat.incident.ExternalReference;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository.IncidentQuery;
import dev.moat.incident.IncidentService;
import dev.moat.incident.IncidentService.IncidentChange;
import dev.moat.incident.IncidentService.NewIncident;
import dev.moat.incident.IncidentStatus;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.incident.TimelineEntry;
import dev.moat.key.KeyId;
import dev.moat.ratelimit.Limits;
import dev.moat.search.CaseIndex;
import dev.moat.search.CaseSearchService;
import dev.moat.web.json.JsonBodies;
import dev.moat.web.problem.IfMatch;
import dev.moat.web.query.PageCursor;
import dev.moat.web.query.QueryParameters;
import dev.moat.webhook.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Security cases for ticketing systems and scripts: list, open, read, change with ETags, comment. */
@Path("/v1/incidents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private static final int MAX_PAGE = 200;
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IncidentService incidents;
    private final CaseSearchService search;
    private final CaseRelationsService relations;
    private final ContainmentService containment;
    private final EvidencePackService evidencePacks;
    private final WebhookService webhooks;
    private final Clock clock;

    /** For CDI's client proxy only. */
    protected IncidentResource() {
        this(null, null, null, null, null, null, null);
    }

    @Inject
    public IncidentResource(IncidentService incidents, CaseSearchService search, CaseRelationsService relations,
                            ContainmentService containment, EvidencePackService evidencePacks,
                            WebhookService webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.evidencePacks = evidencePacks;
        this.incidents = incidents;
        this.search = search;
        this.relations = relations;
        this.containment = containment;
        this.clock = clock;
    }

    public record Page(List<IncidentView.Summary> items, String next) {
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "List cases", description = "Most recently updated first. Filters: status (one or "
            + "several, comma-separated), severity, "
            + "tenant, key (an API key id among the observables), updatedSince (ISO-8601 instant, for syncing); "
            + "pages of up to limit (default 50, at most 200) continued with cursor. A tenant admin sees only its "
            + "tenant's cases. q searches the full text (title, description, comments and changes, evidence, "
            + "observables; words, \"phrases\", AND, OR, NOT, field:word): results come best first with "
            + "highlighted fragments, narrowed by the other filters, without a cursor.")
    public Page list(@QueryParam("status") String status, @QueryParam("severity") String severity,
                     @QueryParam("tenant") String tenant, @QueryParam("key") String key,
                     @QueryParam("updatedSince") String updatedSince, @QueryParam("q") String q,
                     @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("limit must be 1.." + MAX_PAGE);
        }
        Set<IncidentStatus> statuses = status == null ? Set.of() : Arrays.stream(status.split(","))
                .map(one -> JsonBodies.enumOf(IncidentStatus.class, one, "status")).collect(Collectors.toSet());
        Severity wantedSeverity = JsonBodies.enumOf(Severity.class, severity, "severity");
        Instant since = QueryParameters.instant(updatedSince, "updatedSince");
        if (q != null) {
            return searched(q, new IncidentQuery(tenant, statuses, wantedSeverity, key, since, null, null, limit));
        }
        PageCursor after = cursor == null ? null : PageCursor.parse(cursor);
        List<Incident> page = incidents.list(new IncidentQuery(tenant, statuses, wantedSeverity, key, since,
                after == null ? null : after.time(), after == null ? null : caseNumber(after), limit));
        Instant now = clock.instant();
        Incident last = page.isEmpty() ? null : page.getLast();
        return new Page(page.stream().map(incident -> IncidentView.Summary.of(incident, now)).toList(),
                page.size() < limit ? null
                        : new PageCursor(last.updatedAt(), String.valueOf(last.id().number())).encoded());
    }

    private static long caseNumber(PageCursor cursor) {
        try {
            return Long.parseLong(cursor.id());
        } catch (NumberFormatException e) {
            throw new BadRequestException("cursor is not one this API gave out");
        }
    }

    /** Search results, best first, narrowed by the other filters; no cursor: refine the query instead. */
    private Page searched(String q, IncidentQuery filters) {
        Instant now = clock.instant();
        List<IncidentView.Summary> found = new ArrayList<>();
        for (CaseIndex.Hit hit : search.search(q, MAX_PAGE)) {
            Incident incident;
            try {
                incident = incidents.find(IncidentId.parse(hit.caseId()));
            } catch (NotFound e) {
                continue; // indexed before it became invisible to this caller
            }
            if (matches(incident, filters)) {
                found.add(IncidentView.Summary.found(incident, now, hit.highlights()));
            }
            if (found.size() == filters.limit()) {
                break;
            }
        }
        return new Page(found, null);
    }

    private static boolean matches(Incident incident, IncidentQuery filters) {
        return (filters.tenantId() == null || filters.tenantId().equals(incident.tenantId()))
                && (filters.statuses().isEmpty() || filters.statuses().contains(incident.status()))
                && (filters.severity() == null || filters.severity() == incident.severity())
                && (filters.keyId() == null || incident.observables().contains(
                        new Observable(Observable.Kind.API_KEY, filters.keyId())))
                && (filters.updatedSince() == null || !incident.updatedAt().isBefore(filters.updatedSince()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Open a case", description = "title is required; severity (low, medium, high, critical; "
            + "default medium) sets the due time. With an Idempotency-Key header a retried request returns the "
            + "first case instead of opening another.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case",
            value = "{\"title\": \"Reasoning traces harvested through key 3kq9x0abcd12\", \"severity\": \"high\", "
                    + "\"tenant\": \"acme\", \"description\": \"Ticket SEC-4711\", \"tags\": [\"distillation\"], "
                    + "\"assignee\": \"bob\", \"observables\": [{\"kind\": \"api_key\", \"value\": \"3kq9x0abcd12\"}, "
                    + "{\"kind\": \"network\", \"value\": \"203.0.113.0/24\"}]}")))
    public Response open(String body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        JsonObject json = JsonBodies.object(body);
        NewIncident request = new NewIncident(JsonBodies.text(json, "title"), JsonBodies.text(json, "description"),
                JsonBodies.enumOf(Severity.class, JsonBodies.text(json, "severity"), "severity"),
                JsonBodies.text(json, "tenant"), JsonBodies.texts(json, "tags"),
                observables(json, "observables"), JsonBodies.text(json, "assignee"),
                references(json, "externalReferences"));
        if (request.title() == null) {
            throw new BadRequestException("title is required");
        }
        Incident opened = incidents.open(request, idempotencyKey, Sha256.hex(body));
        IncidentView view = IncidentView.of(incidents.read(opened.id()), clock.instant());
        return Response.created(URI.create("/api/v1/incidents/" + view.id()))
                .tag(String.valueOf(view.version())).entity(view).build();
    }

    @GET
    @Path("/{incidentId}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Read a case", description = "With its observables, evidence and timeline. The ETag "
            + "header carries its version for If-Match on PATCH.")
    public Response read(@PathParam("incidentId") String incidentId) {
        IncidentView view = IncidentView.of(incidents.read(IncidentId.parse(incidentId)), clock.instant());
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    @PATCH
    @Path("/{incidentId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Change a case", description = "Only the fields given change: title, description, "
            + "severity, status (along the workflow: new → triaged → investigating → contained → resolved → closed; "
            + "any open case may be resolved; resolved or closed cases reopen to investigating), assignee (null "
            + "unassigns), tags (replaced); observables are added. If-Match with the case's ETag is required; a "
            + "stale one gets 412.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "triage",
            value = "{\"status\": \"triaged\", \"assignee\": \"bob\", \"severity\": \"critical\"}")))
    public Response update(@PathParam("incidentId") String incidentId, @HeaderParam("If-Match") String ifMatch,
                           String body) {
        IncidentId id = IncidentId.parse(incidentId);
        long expectedVersion = IfMatch.version(ifMatch, "the case");
        JsonObject json = JsonBodies.object(body);
        Optional<String> assignee = !json.containsKey("assignee") ? null
                : json.get("assignee") == JsonValue.NULL ? Optional.empty()
                : Optional.of(JsonBodies.text(json, "assignee"));
        IncidentChange change = new IncidentChange(JsonBodies.text(json, "title"),
                JsonBodies.text(json, "description"),
                JsonBodies.enumOf(Severity.class, JsonBodies.text(json, "severity"), "severity"),
                JsonBodies.enumOf(IncidentStatus.class, JsonBodies.text(json, "status"), "status"), assignee,
                JsonBodies.texts(json, "tags"), observables(json, "observables"),
                references(json, "externalReferences"));
        incidents.update(id, expectedVersion, change);
        return read(incidentId);
    }

    @POST
    @Path("/{incidentId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Comment on a case", description = "text: 1 to 10,000 characters, shown as plain text. "
            + "With an Idempotency-Key header a retried request adds nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "comment",
            value = "{\"text\": \"Customer confirms the key was shared with a contractor.\"}")))
    public Response comment(@PathParam("incidentId") String incidentId, String body,
                            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        IncidentId id = IncidentId.parse(incidentId);
        String text = JsonBodies.text(JsonBodies.object(body), "text");
        TimelineEntry comment = incidents.comment(id, text, idempotencyKey, Sha256.hex(body));
        return Response.status(Response.Status.CREATED).entity(IncidentView.TimelineView.of(comment)).build();
    }

    private static List<Observable> observables(JsonObject json, String field) {
        JsonArray array = JsonBodies.array(json, field);
        if (array == null) {
            return null;
        }
        return array.stream().map(item -> {
            if (!(item instanceof JsonObject observable)) {
                throw new BadRequestException(field + " must be an array of {\"kind\": …, \"value\": …}");
            }
            Observable.Kind kind = JsonBodies.enumOf(Observable.Kind.class, JsonBodies.text(observable, "kind"),
                    field + "[].kind");
            return new Observable(kind, JsonBodies.text(observable, "value"));
        }).toList();
    }

    @POST
    @Path("/{incidentId}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Merge cases into this one", description = "cases: the ids to merge; reason: why (1 to "
            + "2,000 characters). This case gains their observables and copies of their evidence and timeline; they "
            + "are closed, stay readable and point here (mergedInto). Idempotency-Key makes a retry harmless.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "merge",
            value = "{\"cases\": [\"MOAT-12\", \"MOAT-15\"], \"reason\": \"Same campaign: shared prompt template\"}")))
    public IncidentView merge(@PathParam("incidentId") String incidentId, String body,
                              @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        JsonObject json = JsonBodies.object(body);
        List<String> sources = JsonBodies.texts(json, "cases");
        relations.merge(IncidentId.parse(incidentId), sources == null ? List.of()
                        : sources.stream().map(IncidentId::parse).toList(), JsonBodies.text(json, "reason"),
                idempotencyKey, Sha256.hex(body));
        return IncidentView.of(incidents.read(IncidentId.parse(incidentId)), clock.instant());
    }

    @POST
    @Path("/{incidentId}/related")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Link a related case", description = "case: the id to link, both ways, without merging.")
    public IncidentView relate(@PathParam("incidentId") String incidentId, String body) {
        String other = JsonBodies.text(JsonBodies.object(body), "case");
        if (other == null) {
            throw new BadRequestException("case is required");
        }
        relations.relate(IncidentId.parse(incidentId), IncidentId.parse(other));
        return IncidentView.of(incidents.read(IncidentId.parse(incidentId)), clock.instant());
    }

    @POST
    @Path("/{incidentId}/containment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Contain from a case", description = "action: revoke_key (key), limit_key (key, limits "
            + "with requestsPerMinute, tokensPerMinute, tokensPerDay), deny_country (country), deny_asn (asn) or "
            + "deny_network (network, a CIDR or an address) for "
            + "the case's tenant. Made at once, audited, and recorded on the case's timeline; with an "
            + "Idempotency-Key a retried request does nothing more.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "revoke",
            value = "{\"action\": \"revoke_key\", \"key\": \"3kq9x0abcd12\"}")))
    public IncidentView contain(@PathParam("incidentId") String incidentId, String body,
                                @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        IncidentId id = IncidentId.parse(incidentId);
        JsonObject json = JsonBodies.object(body);
        String action = JsonBodies.text(json, "action");
        Consumer<ContainmentService> act = switch (action == null ? "" : action) {
            case "revoke_key" -> {
                KeyId key = new KeyId(required(json, "key"));
                yield service -> service.revokeKey(id, key);
            }
            case "limit_key" -> {
                KeyId key = new KeyId(required(json, "key"));
                Limits limits = limits(json);
                yield service -> service.limitKey(id, key, limits);
            }
            case "deny_country" -> {
                String country = required(json, "country");
                yield service -> service.denyCountry(id, country);
            }
            case "deny_asn" -> {
                String asn = required(json, "asn");
                yield service -> service.denyAsn(id, asn);
            }
            case "deny_network" -> {
                String network = required(json, "network");
                yield service -> service.denyNetwork(id, network);
            }
            default -> throw new BadRequestException(
                    "action must be revoke_key, limit_key, deny_country, deny_asn or deny_network");
        };
        containment.once(id, idempotencyKey, Sha256.hex(body), act);
        return IncidentView.of(incidents.read(id), clock.instant());
    }

    @GET
    @Path("/{incidentId}/evidence-pack")
    @Produces("application/zip")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "Export a case as a signed evidence pack", description = "A ZIP with case.json, "
            + "report.html (readable) and chain.txt: every observable, evidence item and timeline entry chained by "
            + "SHA-256, the hashes of both files, and an Ed25519 signature. ops/evidence/verify-pack.sh checks it. "
            + "Each export is audited.")
    public Response evidencePack(@PathParam("incidentId") String incidentId) {
        IncidentId id = IncidentId.parse(incidentId);
        return Response.ok(evidencePacks.export(id), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-evidence.zip\"").build();
    }

    public record EvidenceKey(String algorithm, String publicKey) {
    }

    @GET
    @Path("/evidence-key")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
    @Operation(summary = "The key that signs evidence packs", description = "Ed25519, X.509 encoded, base64: give it "
            + "to verify-pack.sh with --public-key to check that a pack comes from this Moat.")
    public EvidenceKey evidenceKey() {
        return new EvidenceKey("Ed25519", evidencePacks.publicKey());
    }

    private static String required(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        String text = JsonBodies.text(json, field);
        if (text == null || text.isBlank()) {
            throw new BadRequestException(field + " is required for this action");
        }
        return text;
    }

    private static Limits limits(JsonObject json) {
        JsonValue value = json.get("limits");
        if (!(value instanceof JsonObject limits)) {
            throw new BadRequestException("limits is required: {\"requestsPerMinute\": 10, ...}");
        }
        return JsonBodies.limits(limits);
    }

    private static List<ExternalReference> references(JsonObject json, String field) {
        JsonArray array = JsonBodies.array(json, field);
        if (array == null) {
            return null;
        }
        return array.stream().map(item -> {
            if (!(item instanceof JsonObject reference)) {
                throw new BadRequestException(field + " must be an array of {\"system\": …, \"id\": …, \"url\": …}");
            }
            return new ExternalReference(JsonBodies.text(reference, "system"), JsonBodies.text(reference, "id"),
                    JsonBodies.text(reference, "url"));
        }).toList();
    }

    @POST
    @Path("/{incidentId}/status-sync")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Take a status change from a ticketing system", description = "For a ticket resolved or "
            + "reopened in Jira, ServiceNow and the like: status (resolved, closed, or investigating to reopen), an "
            + "optional comment and the ticket (system, id, url). Besides the bearer token, the message is signed "
            + "like Moat's webhooks with the secret of the system's subscription: headers moat-subscription, "
            + "webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature; a wrong signature gets 401. "
            + "A message delivered again (same webhook-id) changes nothing. The workflow applies.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "resolved",
            value = "{\"status\": \"resolved\", \"comment\": \"Fixed in SEC-4711\", \"ticket\": {\"system\": "
                    + "\"jira\", \"id\": \"SEC-4711\", \"url\": \"https://jira.example.com/browse/SEC-4711\"}}")))
    public IncidentView syncStatus(@PathParam("incidentId") String incidentId, String body,
                                   @HeaderParam("moat-subscription") String subscription,
                                   @HeaderParam("webhook-id") String messageId,
                                   @HeaderParam("webhook-timestamp") String timestamp,
                                   @HeaderParam("webhook-signature") String signature) {
        IncidentId id = IncidentId.parse(incidentId);
        webhooks.verifyInbound(subscription, messageId, timestamp, body == null ? "" : body, signature);
        JsonObject json = JsonBodies.object(body);
        IncidentStatus status = JsonBodies.enumOf(IncidentStatus.class, JsonBodies.text(json, "status"), "status");
        if (status == null) {
            throw new BadRequestException("status is required: resolved, closed, or investigating to reopen");
        }
        JsonValue ticket = json.get("ticket");
        ExternalReference reference = ticket instanceof JsonObject given ? new ExternalReference(
                JsonBodies.text(given, "system"), JsonBodies.text(given, "id"), JsonBodies.text(given, "url")) : null;
        incidents.syncFromTicket(id, status, JsonBodies.text(json, "comment"), reference, messageId,
                Sha256.hex(body));
        return IncidentView.of(incidents.read(id), clock.instant());
    }
}
