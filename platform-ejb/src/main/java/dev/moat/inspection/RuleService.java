package dev.moat.inspection;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.domain.StaleVersion;
import dev.moat.security.CurrentCaller;
import dev.moat.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Use cases on operator-authored rules; each public method is one transaction. Every change is validated by
 * compiling the rule, kept as a new version, written to the audit log, and in force on this node from the next
 * request after it commits (one {@link RulesChanged} per use case); other nodes reload within
 * {@link InspectionService}'s period.
 */
@ApplicationScoped
@Transactional
public class RuleService {

    /** Operator rules get ids of their own, never those of a built-in pack. */
    static final String GENERATED_PREFIX = "OPR-";
    private static final String SYSTEM = "moat";
    /** The size of the definition column (V14__inspection_rule.sql). */
    private static final int MAX_DEFINITION_CHARS = 100_000;

    private final RuleRepository rules;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Event<RulesChanged> changes;
    private final Event<AuditedChange> audit;

    /** A rule as stored: its definition, whether it is in force, its version and last change. */
    public record StoredView(RuleDefinition definition, boolean enabled, int version, Instant updatedAt,
                             String updatedBy) {
    }

    /** Fired inside the transaction of every change; observed after it commits. */
    public record RulesChanged() {
    }

    /** For CDI's client proxy only. */
    protected RuleService() {
        this(null, null, null, null, null);
    }

    @Inject
    public RuleService(RuleRepository rules, CurrentCaller caller, Clock clock, Event<RulesChanged> changes,
                     Event<AuditedChange> audit) {
        this.rules = rules;
        this.caller = caller;
        this.clock = clock;
        this.changes = changes;
        this.audit = audit;
    }

    /** Rules not deleted; with a tenant, those in force for it (its own and those for every tenant). */
    public List<StoredView> list(String tenantId) {
        return rules.current().stream()
                .filter(rule -> tenantId == null || rule.tenantId().isEmpty() || rule.tenantId().get().equals(tenantId))
                .map(RuleService::view).toList();
    }

    public StoredView get(String ruleId) {
        return view(current(ruleId));
    }

    public List<StoredRuleVersion> versions(String ruleId) {
        rules.find(ruleId).orElseThrow(() -> new NotFound("No stored rule '" + ruleId + "'"));
        return rules.versions(ruleId);
    }

    /** A new rule; without an id it gets the next free {@code OPR-n}. */
    public StoredView create(JsonObject json) {
        String by = operator();
        String requested = idOf(json);
        RuleDefinition definition = RuleDefinition.fromJson(json, requested == null ? nextId() : requested);
        StoredRule rule = add(definition, enabled(json), by);
        changes.fire(new RulesChanged());
        return view(rule);
    }

    /** Replaces a rule's definition; {@code expectedVersion} is the version the change was based on. */
    public StoredView update(String ruleId, long expectedVersion, JsonObject json) {
        String by = operator();
        StoredRule rule = replace(currentAt(ruleId, expectedVersion), RuleDefinition.fromJson(json, ruleId),
                enabled(json), by);
        changes.fire(new RulesChanged());
        return view(rule);
    }

    public void delete(String ruleId, long expectedVersion) {
        String by = operator();
        StoredRule rule = currentAt(ruleId, expectedVersion);
        JsonObject before = state(rule);
        rules.add(rule.delete(clock.instant(), by));
        audited("rule.deleted", rule, before, null);
        changes.fire(new RulesChanged());
    }

    /** The result of importing a pack: which rules were created and which updated. */
    public record Imported(List<String> created, List<String> updated) {
    }

    /**
     * Imports a pack (as {@link #export} writes it): each rule is created, or updated when its id exists, all in
     * one transaction, so a pack with one invalid rule changes nothing.
     */
    public Imported importPack(JsonObject pack) {
        String by = operator();
        if (!(pack.get("rules") instanceof JsonArray list)) {
            throw new DomainRuleViolation("a rule pack is {\"rules\": [ ... ]}");
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (var item : list) {
            if (!(item instanceof JsonObject json) || idOf(json) == null) {
                throw new DomainRuleViolation("every rule of a pack is an object with an id");
            }
            String id = idOf(json);
            RuleDefinition definition = RuleDefinition.fromJson(json, id);
            var existing = rules.find(id).filter(rule -> !rule.deleted());
            if (existing.isPresent()) {
                replace(existing.get(), definition, enabled(json), by);
                updated.add(id);
            } else {
                add(definition, enabled(json), by);
                created.add(id);
            }
        }
        changes.fire(new RulesChanged());
        return new Imported(created, updated);
    }

    /** The stored rules (those in force for a tenant, or all) as a pack that {@link #importPack} reads back. */
    public JsonObject export(String tenantId) {
        var list = JSON.createArrayBuilder();
        list(tenantId).forEach(rule -> list.add(JSON.createObjectBuilder(rule.definition().toJson())
                .add("enabled", rule.enabled())));
        return JSON.createObjectBuilder().add("pack", "moat-rules").add("formatVersion", 1).add("rules", list).build();
    }

    /** Takes a rule out of force because it failed while running; the system's change, audited like any other. */
    public void disableFailing(String ruleId, String failure) {
        rules.find(ruleId).filter(rule -> !rule.deleted() && rule.enabled()).ifPresent(rule -> {
            JsonObject before = state(rule);
            rules.add(rule.change("disabled", rule.definition(), false, clock.instant(), SYSTEM));
            audited("rule.disabled", rule, before, JSON.createObjectBuilder(state(rule)).add("reason", failure).build());
            changes.fire(new RulesChanged());
        });
    }

    /** All enabled rules, for the gateway's rule sets. */
    public List<StoredView> enabled() {
        return rules.current().stream().filter(StoredRule::enabled).map(RuleService::view).toList();
    }

    private StoredRule add(RuleDefinition definition, boolean enabled, String by) {
        String id = definition.info().id();
        if (id.startsWith("DST-")) {
            throw new DomainRuleViolation("ids DST-… belong to the built-in pack \"distillation\"");
        }
        if (rules.find(id).isPresent()) {
            throw new DomainRuleViolation("rule " + id + " exists already (ids are never reused, even after deletion)");
        }
        StoredRule rule = new StoredRule(id, definition.tenantId(), stored(definition), enabled, clock.instant(), by);
        rules.add(rule);
        rules.add(rule.versionAfter("created"));
        audited("rule.created", rule, null, state(rule));
        return rule;
    }

    private StoredRule replace(StoredRule rule, RuleDefinition definition, boolean enabled, String by) {
        JsonObject before = state(rule);
        if (!Objects.equals(rule.tenantId().orElse(null), definition.tenantId())) {
            throw new DomainRuleViolation("a rule keeps its tenant; delete it and create another one");
        }
        rules.add(rule.change("updated", stored(definition), enabled, clock.instant(), by));
        audited("rule.updated", rule, before, state(rule));
        return rule;
    }

    /** The definition as stored, once it compiled and fits its column. */
    private static String stored(RuleDefinition definition) {
        definition.compile();
        String json = definition.toJson().toString();
        if (json.length() > MAX_DEFINITION_CHARS) {
            throw new DomainRuleViolation("a rule's definition is at most " + MAX_DEFINITION_CHARS
                    + " characters of JSON, this one " + json.length());
        }
        return json;
    }

    private void audited(String action, StoredRule rule, JsonObject before, JsonObject after) {
        audit.fire(new AuditedChange(action, "rule:" + rule.id(), rule.tenantId().orElse(null), before, after));
    }

    private StoredRule current(String ruleId) {
        return rules.find(ruleId).filter(rule -> !rule.deleted())
                .orElseThrow(() -> new NotFound("No stored rule '" + ruleId + "'"));
    }

    /** The rule, if the change was based on its current version. */
    private StoredRule currentAt(String ruleId, long expectedVersion) {
        StoredRule rule = current(ruleId);
        if (rule.version() != expectedVersion) {
            throw new StaleVersion("rule " + ruleId, expectedVersion, rule.version());
        }
        return rule;
    }

    /** One past the highest {@code OPR-n} ever given, deleted rules included: ids are never reused. */
    private String nextId() {
        int highest = rules.ids().stream().filter(id -> id.startsWith(GENERATED_PREFIX))
                .mapToInt(id -> Integer.parseInt(id.substring(GENERATED_PREFIX.length()))).max().orElse(0);
        return GENERATED_PREFIX + (highest + 1);
    }

    private String operator() {
        return caller.principal().requireOneOf(Role.OPERATORS,
                "Only platform admins and security operators change inspection rules").userName();
    }

    private static String idOf(JsonObject json) {
        JsonValue id = json.get("id");
        if (id == null || id == JsonValue.NULL) {
            return null;
        }
        if (id instanceof JsonString text) {
            return text.getString();
        }
        throw new DomainRuleViolation("id must be a string such as \"OPS-7\"");
    }

    private static boolean enabled(JsonObject json) {
        JsonValue enabled = json.get("enabled");
        if (enabled == null || enabled == JsonValue.NULL) {
            return true;
        }
        if (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE) {
            throw new DomainRuleViolation("enabled must be true or false");
        }
        return enabled == JsonValue.TRUE;
    }

    private static StoredView view(StoredRule rule) {
        return new StoredView(RuleDefinition.fromJson(definitionOf(rule), rule.id()), rule.enabled(), rule.version(),
                rule.updatedAt(), rule.updatedBy());
    }

    /** A rule as the audit log keeps it. */
    private static JsonObject state(StoredRule rule) {
        return JSON.createObjectBuilder().add("version", rule.version()).add("enabled", rule.enabled())
                .add("definition", definitionOf(rule)).build();
    }

    private static JsonObject definitionOf(StoredRule rule) {
        try (JsonReader reader = JSON.createReader(new StringReader(rule.definition()))) {
            return reader.readObject();
        }
    }
}
