package dev.moat.inspection;

import dev.moat.inspection.RuleService.StoredView;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The rules in force and the test bench. Every tenant runs the built-in pack "distillation", the stored rules for
 * every tenant and its own. The rule sets are compiled off the request path, after each committed change on this
 * node and every {@value #RELOAD_SECONDS} seconds (changes made on other nodes), and swapped in whole: the gateway
 * reads them without a lock. A stored rule that throws while inspecting is disabled, with an audit entry.
 */
@ApplicationScoped
public class InspectionService {

    private static final Logger LOG = Logger.getLogger(InspectionService.class.getName());
    static final long RELOAD_SECONDS = 30;

    private final List<Rule> builtIn = DistillationRules.pack();
    private final Set<String> builtInIds = builtIn.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());
    private final Set<String> beingDisabled = ConcurrentHashMap.newKeySet();
    private volatile RuleSets sets = RuleSets.of(builtIn, List.of());
    private RuleService store;
    private ScheduledFuture<?> reloading;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected InspectionService() {
    }

    @Inject
    public InspectionService(RuleService store) {
        this.store = store;
    }

    /**
     * What each tenant runs, compiled, and all of them together; {@code fingerprint} tells whether a reload found
     * anything new.
     */
    record RuleSets(List<Rule> everyTenant, Map<String, List<Rule>> byTenant, List<Rule> all, String fingerprint) {

        static RuleSets of(List<Rule> builtIn, List<StoredView> stored) {
            List<Rule> everyTenant = new ArrayList<>(builtIn);
            Map<String, List<Rule>> own = new HashMap<>();
            for (StoredView view : stored) {
                try {
                    Rule rule = view.definition().compile();
                    String tenant = view.definition().tenantId();
                    if (tenant == null) {
                        everyTenant.add(rule);
                    } else {
                        own.computeIfAbsent(tenant, t -> new ArrayList<>()).add(rule);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Stored rule " + view.definition().info().id() + " does not compile; skipped", e);
                }
            }
            Map<String, List<Rule>> byTenant = new HashMap<>();
            List<Rule> all = new ArrayList<>(everyTenant);
            own.forEach((tenant, rules) -> {
                List<Rule> inForce = new ArrayList<>(everyTenant);
                inForce.addAll(rules);
                byTenant.put(tenant, List.copyOf(inForce));
                all.addAll(rules);
            });
            return new RuleSets(List.copyOf(everyTenant), Map.copyOf(byTenant), List.copyOf(all),
                    fingerprintOf(stored));
        }

        static String fingerprintOf(List<StoredView> stored) {
            return stored.stream().map(view -> view.definition().info().id() + "@" + view.version())
                    .collect(Collectors.joining(","));
        }

        List<Rule> forTenant(String tenantId) {
            return tenantId == null ? everyTenant : byTenant.getOrDefault(tenantId, everyTenant);
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Not loaded here: at this point the schema may not be migrated yet. A failed load is retried next period.
        reloading = scheduler.scheduleWithFixedDelay(this::reloadSafely, 2, RELOAD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (reloading != null) {
            reloading.cancel(false);
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RuleService.RulesChanged change) {
        reloadSafely();
    }

    /** Serialized: a slow periodic reload must not put back rules older than those a commit just loaded. */
    private synchronized void reloadSafely() {
        try {
            List<StoredView> stored = store.enabled();
            if (!RuleSets.fingerprintOf(stored).equals(sets.fingerprint())) {
                sets = RuleSets.of(builtIn, stored);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stored inspection rules not loaded; the rules loaded before stay in force", e);
        }
    }

    /** The built-in pack "distillation": code, the same for every tenant. */
    public List<Rule> builtIn() {
        return builtIn;
    }

    /** The built-in pack and every enabled stored rule, whichever tenant it is for. */
    public List<Rule> rules() {
        return sets.all();
    }

    /** What the gateway runs for a tenant's requests. */
    public List<Rule> rulesFor(String tenantId) {
        return sets.forTenant(tenantId);
    }

    /** The gateway's inspection of one request with every rule in force for its tenant; pure and quick, no I/O. */
    public Verdict inspect(String tenantId, RequestContext request) {
        Verdict verdict = Inspector.inspect(request, sets.forTenant(tenantId));
        if (!verdict.failedRules().isEmpty()) {
            disableFailing(verdict.failedRules());
        }
        return verdict;
    }

    /**
     * Runs the rules in force for a tenant (or for every tenant), or only the named ones, over a request and shows
     * every finding and the decision.
     */
    public Verdict test(String tenantId, RequestContext request, Set<String> onlyRules) {
        List<Rule> inForce = sets.forTenant(tenantId);
        List<Rule> chosen = onlyRules == null || onlyRules.isEmpty() ? inForce
                : inForce.stream().filter(rule -> onlyRules.contains(rule.id())).toList();
        return Inspector.inspect(request, chosen);
    }

    /** Off the request path, once per rule: the built-in pack is tested code and stays in force. */
    private void disableFailing(List<String> ruleIds) {
        for (String ruleId : ruleIds) {
            if (!builtInIds.contains(ruleId) && beingDisabled.add(ruleId)) {
                scheduler.execute(() -> {
                    try {
                        store.disableFailing(ruleId, "it threw while inspecting a request (see Moat's log)");
                    } finally {
                        beingDisabled.remove(ruleId);
                    }
                });
            }
        }
    }
}
