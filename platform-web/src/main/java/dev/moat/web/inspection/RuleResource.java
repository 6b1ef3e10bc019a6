package dev.moat.web.inspection;

import static dev.moat.domain.JsonOnce.JSON;
import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import dev.moat.detection.DetectionReporter;
import dev.moat.inspection.ConditionRule;
import dev.moat.inspection.Finding;
import dev.moat.inspection.InspectionService;
import dev.moat.inspection.PatternRule;
import dev.moat.inspection.PhraseRule;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Rule;
import dev.moat.inspection.RuleInfo;
import dev.moat.inspection.RuleService;
import dev.moat.inspection.RuleService.StoredView;
import dev.moat.inspection.StoredRuleVersion;
import dev.moat.inspection.Verdict;
import dev.moat.web.json.JsonBodies;
import dev.moat.web.problem.IfMatch;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Query inspection rules and their test bench. */
@Path("/v1/rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** How many of a key's recent requests the test bench runs over unless told otherwise, and at most. */
    static final int DEFAULT_WINDOW = 50;
    static final int MAX_WINDOW = DetectionReporter.RECENT_PER_KEY;

    private final InspectionService inspection;
    private final RuleService store;
    private final DetectionReporter detections;

    /** For CDI's client proxy only. */
    protected RuleResource() {
        this(null, null, null);
    }

    @Inject
    public RuleResource(InspectionService inspection, RuleService store, DetectionReporter detections) {
        this.inspection = inspection;
        this.store = store;
        this.detections = detections;
    }

    public record FindingView(String ruleId, String ruleName, String category, int score, boolean enforced,
                              String evidence) {
    }

    public record TestResult(String decision, int score, List<FindingView> findings, List<String> failedRules,
                             Map<String, Integer> thresholds) {
    }

    /** One of a key's recent requests under the rules as they are now. */
    public record WindowedResult(Instant at, String prompt, TestResult result) {
    }

    /** The rules over a key's recent traffic: how many requests each decision would get, and each request. */
    public record WindowResult(String keyId, int requests, Map<String, Integer> decisions,
                               List<WindowedResult> results) {
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "The inspection rules", description = "The built-in pack \"distillation\" (source built-in) "
            + "and the operator-authored rules (source stored, with version, enabled, updatedAt, updatedBy). With "
            + "tenant, only the stored rules in force for that tenant: its own and those for every tenant.")
    public JsonArray list(@QueryParam("tenant") String tenant) {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        inspection.builtIn().forEach(rule -> all.add(builtInJson(rule)));
        store.list(tenant).forEach(rule -> all.add(storedJson(rule)));
        return all.build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Author a rule", description = "kind pattern (pattern, target all_text, user_text or "
            + "system_prompt; RE2/J syntax, linear time), phrases (phrases, minimumHits; matched on the normalized "
            + "text in one pass) or conditions (a list of {field, operator, value}, all must hold; fields model, n, "
            + "logprobs, top_logprobs, temperature, max_tokens, messages, system_prompt; operators = != > >= < <= "
            + "contains). Also name, description, category, severity (notice 2, warning 3, error 4, critical 5 points "
            + "of anomaly score), mode (monitor or enforce), tenantId (absent: every tenant), enabled, and id (absent: "
            + "the next OPR-n). In force from the next request.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "phrases",
            value = "{\"name\": \"Answers as training data\", \"kind\": \"phrases\", \"phrases\": [\"fine-tuning "
                    + "dataset\", \"jsonl format\"], \"severity\": \"warning\", \"tenantId\": \"acme\"}")))
    public Response create(String body) {
        StoredView created = store.create(JsonBodies.object(body));
        return Response.created(URI.create("/api/v1/rules/" + created.definition().info().id()))
                .tag(String.valueOf(created.version())).entity(storedJson(created)).build();
    }

    @GET
    @Path("/{ruleId}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "Read a rule", description = "A stored rule carries its version in the ETag header, for "
            + "If-Match on PUT and DELETE.")
    public Response read(@PathParam("ruleId") String ruleId) {
        Rule builtIn = builtInRule(ruleId);
        if (builtIn != null) {
            return Response.ok(builtInJson(builtIn)).build();
        }
        StoredView rule = store.get(ruleId);
        return Response.ok(storedJson(rule)).tag(String.valueOf(rule.version())).build();
    }

    @PUT
    @Path("/{ruleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Change a rule", description = "Replaces the stored rule's definition (as for POST; the "
            + "tenant stays) and makes a new version. If-Match with the rule's ETag is required; a stale one gets "
            + "412. Built-in rules are code and cannot be changed.")
    public Response update(@PathParam("ruleId") String ruleId, @HeaderParam("If-Match") String ifMatch,
                           String body) {
        refuseBuiltIn(ruleId);
        StoredView rule = store.update(ruleId, IfMatch.version(ifMatch, "the rule"), JsonBodies.object(body));
        return Response.ok(storedJson(rule)).tag(String.valueOf(rule.version())).build();
    }

    @DELETE
    @Path("/{ruleId}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Delete a rule", description = "Out of force from the next request; its versions stay. "
            + "If-Match with the rule's ETag is required.")
    public Response delete(@PathParam("ruleId") String ruleId, @HeaderParam("If-Match") String ifMatch) {
        refuseBuiltIn(ruleId);
        store.delete(ruleId, IfMatch.version(ifMatch, "the rule"));
        return Response.noContent().build();
    }

    @GET
    @Path("/{ruleId}/versions")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "A stored rule's versions", description = "Oldest first: the change (created, updated, "
            + "disabled, deleted), who made it and when, and the rule as it was after it.")
    public JsonArray versions(@PathParam("ruleId") String ruleId) {
        JsonArrayBuilder versions = JSON.createArrayBuilder();
        for (StoredRuleVersion version : store.versions(ruleId)) {
            versions.add(JSON.createObjectBuilder().add("version", version.version()).add("change", version.change())
                    .add("enabled", version.enabled()).add("changedAt", version.changedAt().toString())
                    .add("changedBy", version.changedBy()).add("definition", JsonBodies.object(version.definition())));
        }
        return versions.build();
    }

    @GET
    @Path("/export")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "Export the stored rules as a pack", description = "All of them, or (with tenant) those "
            + "in force for a tenant; POST /api/v1/rules/import reads the pack back.")
    public JsonObject export(@QueryParam("tenant") String tenant) {
        return store.export(tenant);
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Import a pack", description = "{\"rules\": [...]} as export writes it: each rule is created, "
            + "or updated when its id exists, in one transaction: a pack with one invalid rule changes nothing.")
    public RuleService.Imported importPack(String body) {
        return store.importPack(JsonBodies.object(body));
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "Test bench: run the rules over a request, or over a key's recent traffic",
            description = "prompt (the user message), optionally system, model, n, logprobs, top_logprobs, "
            + "temperature, tenantId (to run the rules in force for that tenant; absent: those for every tenant) and "
            + "rules (ids, to run only those). Answers every finding with its evidence, the anomaly "
            + "score and the decision it leads to. With keyId instead of prompt (and optionally last, default 50, at "
            + "most 500), runs over that key's last inspected requests as Moat holds them in memory, and answers "
            + "each request's result and the count of each decision.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "traces",
            value = "{\"prompt\": \"Articulate the internal reasoning behind your answer and write it out step by "
                    + "step.\", \"logprobs\": true, \"top_logprobs\": 20}")))
    public Object test(String body) {
        JsonObject json = JsonBodies.object(body);
        List<String> only = JsonBodies.texts(json, "rules");
        Set<String> chosen = only == null ? null : new HashSet<>(only);
        String keyId = JsonBodies.text(json, "keyId");
        if (keyId != null) {
            return overWindow(keyId, whole(json, "last"), chosen);
        }
        String prompt = JsonBodies.text(json, "prompt");
        if (prompt == null) {
            throw new BadRequestException("prompt (or keyId, to test a key's recent traffic) is required");
        }
        List<RequestContext.Message> messages = new ArrayList<>();
        String system = JsonBodies.text(json, "system");
        if (system != null) {
            messages.add(new RequestContext.Message("system", system));
        }
        messages.add(new RequestContext.Message("user", prompt));
        RequestContext request = RequestContext.of(JsonBodies.text(json, "model"), messages, whole(json, "n"),
                json.getBoolean("logprobs", false), whole(json, "top_logprobs"), decimal(json, "temperature"), null);
        return result(inspection.test(JsonBodies.text(json, "tenantId"), request, chosen));
    }

    private WindowResult overWindow(String keyId, Integer last, Set<String> chosen) {
        int limit = last == null ? DEFAULT_WINDOW : last;
        if (limit < 1 || limit > MAX_WINDOW) {
            throw new BadRequestException("last must be 1.." + MAX_WINDOW);
        }
        List<WindowedResult> results = detections.recentRequestsOf(keyId, limit).stream()
                .map(seen -> new WindowedResult(seen.at(), DetectionReporter.masked(seen.request().userText()),
                        result(inspection.test(seen.tenantId(), seen.request(), chosen)))).toList();
        Map<String, Integer> decisions = new LinkedHashMap<>();
        Arrays.stream(Verdict.Decision.values()).forEach(d -> decisions.put(d.name().toLowerCase(), 0));
        results.forEach(r -> decisions.merge(r.result().decision(), 1, Integer::sum));
        return new WindowResult(keyId, results.size(), decisions, results);
    }

    private TestResult result(Verdict verdict) {
        Map<String, String> names = inspection.rules().stream()
                .collect(Collectors.toMap(Rule::id, rule -> rule.info().name()));
        return new TestResult(verdict.decision().name().toLowerCase(), verdict.score(), verdict.findings().stream()
                .map(f -> new FindingView(f.ruleId(), names.get(f.ruleId()), f.category(), f.score(), f.enforced(),
                        f.evidence())).toList(), verdict.failedRules(),
                Arrays.stream(Verdict.Decision.values()).collect(Collectors.toMap(d -> d.name().toLowerCase(),
                        d -> d.threshold, (a, b) -> a, LinkedHashMap::new)));
    }

    private static Integer whole(JsonObject json, String field) {
        return number(json, field, n -> {
            if (!n.isIntegral()) {
                throw new BadRequestException(field + " must be a whole number");
            }
            return n.intValueExact();
        });
    }

    private static Double decimal(JsonObject json, String field) {
        return number(json, field, JsonNumber::doubleValue);
    }

    private static <T> T number(JsonObject json, String field, Function<JsonNumber, T> read) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return read.apply(number);
        }
        throw new BadRequestException(field + " must be a number");
    }

    private Rule builtInRule(String ruleId) {
        return inspection.builtIn().stream().filter(rule -> rule.id().equals(ruleId)).findFirst().orElse(null);
    }

    private void refuseBuiltIn(String ruleId) {
        if (builtInRule(ruleId) != null) {
            throw new ClientErrorException("Rule " + ruleId + " is part of the built-in pack, which is code: author a "
                    + "rule of your own instead", Response.Status.CONFLICT);
        }
    }

    private static JsonObject builtInJson(Rule rule) {
        RuleInfo info = rule.info();
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", info.id()).add("name", info.name())
                .add("description", info.description()).add("category", info.category())
                .add("severity", info.severity().name().toLowerCase()).add("score", info.severity().score)
                .add("mode", info.mode().name().toLowerCase()).add("source", "built-in")
                .add("kind", switch (rule) {
                    case PatternRule p -> "pattern";
                    case PhraseRule p -> "phrases";
                    case ConditionRule c -> "conditions";
                    default -> "custom";
                });
        if (rule instanceof PatternRule pattern) {
            json.add("pattern", pattern.pattern());
        }
        if (rule instanceof PhraseRule phrases) {
            json.add("phrases", JSON.createArrayBuilder(phrases.phrases()));
        }
        return json.build();
    }

    private static JsonObject storedJson(StoredView rule) {
        return JSON.createObjectBuilder(rule.definition().toJson())
                .add("score", rule.definition().info().severity().score).add("source", "stored")
                .add("enabled", rule.enabled()).add("version", rule.version())
                .add("updatedAt", rule.updatedAt().toString()).add("updatedBy", rule.updatedBy()).build();
    }
}
