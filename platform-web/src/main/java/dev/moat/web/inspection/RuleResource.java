package dev.moat.web.inspection;

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
import dev.moat.inspection.Verdict;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
    static final int MAX_WINDOW = 500;

    private final InspectionService inspection;
    private final DetectionReporter detections;

    /** For CDI's client proxy only. */
    protected RuleResource() {
        this(null, null);
    }

    @Inject
    public RuleResource(InspectionService inspection, DetectionReporter detections) {
        this.inspection = inspection;
        this.detections = detections;
    }

    public record RuleView(String id, String name, String description, String category, String severity, int score,
                           String mode, String kind, String pattern, List<String> phrases) {
        static RuleView of(Rule rule) {
            var info = rule.info();
            return new RuleView(info.id(), info.name(), info.description(), info.category(),
                    info.severity().name().toLowerCase(), info.severity().score, info.mode().name().toLowerCase(),
                    switch (rule) {
                        case PatternRule p -> "pattern";
                        case PhraseRule p -> "phrases";
                        case ConditionRule c -> "condition";
                        default -> "custom";
                    },
                    rule instanceof PatternRule pattern ? pattern.pattern() : null,
                    rule instanceof PhraseRule phrases ? phrases.phrases() : null);
        }
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
    @Operation(summary = "The inspection rules in force", description = "For now the built-in pack \"distillation\".")
    public List<RuleView> list() {
        return inspection.rules().stream().map(RuleView::of).toList();
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "Test bench: run the rules over a request, or over a key's recent traffic",
            description = "prompt (the user message), optionally system, model, n, logprobs, top_logprobs, "
            + "temperature, and rules (ids, to run only those). Answers every finding with its evidence, the anomaly "
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
        return result(inspection.test(request, chosen));
    }

    private WindowResult overWindow(String keyId, Integer last, Set<String> chosen) {
        int limit = last == null ? DEFAULT_WINDOW : last;
        if (limit < 1 || limit > MAX_WINDOW) {
            throw new BadRequestException("last must be 1.." + MAX_WINDOW);
        }
        List<WindowedResult> results = detections.recentRequestsOf(keyId, limit).stream()
                .map(seen -> new WindowedResult(seen.at(), DetectionReporter.masked(seen.request().userText()),
                        result(inspection.test(seen.request(), chosen)))).toList();
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
}
