package dev.moat.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.audit.AuditChainCheck;
import dev.moat.audit.AuditEntry;
import dev.moat.audit.AuditRepository;
import dev.moat.incident.Detection;
import dev.moat.incident.DetectionService;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.incident.SlaBreachService;
import dev.moat.incident.TimelineEntry;
import dev.moat.inspection.InspectionService;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.RuleService;
import dev.moat.inspection.Verdict;
import dev.moat.persistence.SchemaMigration;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantAlreadyExistsException;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import dev.moat.usage.UsageEvent;
import dev.moat.usage.UsageRepository.UsageBucket;
import dev.moat.usage.UsageService;
import dev.moat.usage.UsageTimeline;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container wiring of the real WAR on Payara Micro: CDI across the modules, JPA with Hibernate on the
 * Flyway-migrated schema, queries that differ between databases, and transaction boundaries. Runs once on H2
 * and once on PostgreSQL.
 */
@ExtendWith(RequiresConfiguredDatabase.class)
@ExtendWith(ArquillianExtension.class)
class PersistenceWiringIT {

    private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");

    @Deployment
    static WebArchive deployment() {
        return MoatDeployment.withTestClasses(PersistenceWiringIT.class, FailingTenantImport.class, OverdueCase.class,
                StoredRuleSeed.class, FailingUsageStore.class);
    }

    @Inject
    TenantService tenants;

    @Inject
    UsageService usage;

    @Inject
    DetectionService detections;

    @Inject
    IncidentRepository incidents;

    @Inject
    OverdueCase overdueCase;

    @Inject
    SlaBreachService slaBreaches;

    @Inject
    AuditRepository audit;

    @Inject
    FailingTenantImport failingImport;

    @Inject
    StoredRuleSeed ruleSeed;

    @Inject
    FailingUsageStore failingUsageStore;

    @Inject
    InspectionService inspection;

    @Inject
    RuleService rules;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Test
    void runs_on_the_configured_database() throws SQLException {
        String expected = System.getenv("MOAT_DB_URL") == null ? "H2" : "PostgreSQL";
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expected, connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void schema_comes_from_the_flyway_migrations() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet applied = statement.executeQuery(
                     "select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\" = true")) {
            assertTrue(applied.next());
            assertEquals(1, applied.getInt(1));
        }
    }

    @Test
    void tenant_is_stored_and_read_back_through_jpa() {
        TenantId id = uniqueTenantId();
        tenants.create(id, "Acme Research", URI.create("http://llm.acme.test/v1"));

        Tenant stored = tenants.find(id).orElseThrow();
        assertEquals("Acme Research", stored.name());
        assertEquals(URI.create("http://llm.acme.test/v1"), stored.upstreamBaseUrl());
        assertTrue(tenants.list().stream().anyMatch(t -> t.id().equals(id)));
    }

    @Test
    void a_duplicate_tenant_is_refused_and_the_first_one_kept() {
        TenantId id = uniqueTenantId();
        tenants.create(id, "First", URI.create("http://first.test/v1"));

        assertThrows(TenantAlreadyExistsException.class,
                () -> tenants.create(id, "Second", URI.create("http://second.test/v1")));
        assertEquals("First", tenants.find(id).orElseThrow().name());
    }

    @Test
    void a_failing_use_case_rolls_back_what_it_wrote() {
        TenantId id = uniqueTenantId();

        assertThrows(IllegalStateException.class, () -> failingImport.importThenFail(id));
        assertTrue(tenants.find(id).isEmpty(), "the tenant written before the failure must be rolled back");
    }

    /** The usage chart's query buckets by time in the database itself. */
    @Test
    void requests_refusals_and_tokens_are_counted_per_bucket() {
        String tenant = "tl-" + UUID.randomUUID().toString().substring(0, 8);
        usage.store(List.of(
                event(tenant, "key1", NINE.plusSeconds(10), 200, 10, 20),
                event(tenant, "key1", NINE.plusSeconds(299), 429, 0, 0),
                event(tenant, "key2", NINE.plusSeconds(300), 200, 5, 7),
                event(tenant, "key1", NINE.plusSeconds(900), 200, 1, 2),
                event("someone-else", "key9", NINE.plusSeconds(20), 200, 100, 100)));

        UsageTimeline all = usage.timeline(tenant, null, NINE, NINE.plusSeconds(1200), Duration.ofMinutes(5));
        UsageTimeline key1 = usage.timeline(tenant, "key1", NINE, NINE.plusSeconds(1200), Duration.ofMinutes(5));

        assertEquals(List.of(
                new UsageBucket(NINE, 2, 1, 10, 20),
                new UsageBucket(NINE.plusSeconds(300), 1, 0, 5, 7),
                new UsageBucket(NINE.plusSeconds(600), 0, 0, 0, 0),
                new UsageBucket(NINE.plusSeconds(900), 1, 0, 1, 2)), all.buckets());
        assertEquals(3, key1.requests());
        assertEquals(0, key1.buckets().get(1).requests());
    }

    @Test
    void usage_events_stored_in_a_failing_transaction_are_rolled_back_with_it() {
        String tenant = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        List<UsageEvent> events = List.of(event(tenant, "key1", NINE, 200, 1, 2),
                event(tenant, "key1", NINE, 200, 3, 4));

        assertThrows(IllegalStateException.class, () -> failingUsageStore.storeThenFail(events));
        assertEquals(0, usage.timeline(tenant, null, NINE, NINE.plusSeconds(60), Duration.ofMinutes(1)).requests());
        usage.store(events);
        assertEquals(2, usage.timeline(tenant, null, NINE, NINE.plusSeconds(60), Duration.ofMinutes(1)).requests());
    }

    private static UsageEvent event(String tenant, String key, Instant at, int status, long prompt, long completion) {
        return new UsageEvent(UUID.randomUUID(), new UsageEvent.Facts(at, tenant, key, "192.0.2.1", "DE", null,
                "chat.completions", "demo", prompt, completion, false, 3, status, status == 200 ? "allowed" : "rate_limited",
                ""));
    }
    /** A long attack on one key grows one open case; a case is opened again once the first is resolved. */
    @Test
    void detections_about_one_key_grow_one_open_case() {
        String keyId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Detection first = new Detection(null, keyId, null, Severity.MEDIUM, "reasoning-trace elicitation",
                "3 of 5 requests asked for step-by-step reasoning", List.of(new Observable(Observable.Kind.API_KEY, keyId)));
        Detection worse = new Detection(null, keyId, null, Severity.HIGH, "logprob harvesting", "top_logprobs=20",
                List.of(new Observable(Observable.Kind.COUNTRY, "de")));

        IncidentId opened = detections.raise(first);
        IncidentId updated = detections.raise(worse);

        assertEquals(opened, updated);
        Incident incident = incidents.find(opened).orElseThrow();
        assertEquals(Severity.HIGH, incident.severity());
        assertEquals(2, incidents.evidence(opened).size());
        assertEquals(2, incident.observables().size());
        assertEquals(List.of(TimelineEntry.Kind.OPENED, TimelineEntry.Kind.OBSERVED, TimelineEntry.Kind.EVIDENCE_ADDED,
                        TimelineEntry.Kind.CHANGED, TimelineEntry.Kind.OBSERVED, TimelineEntry.Kind.EVIDENCE_ADDED),
                incidents.timeline(opened).stream().map(TimelineEntry::kind).toList());
    }

    /** When the detector finds two reported campaigns to be one, the younger case carries on in the other. */
    @Test
    void a_campaign_that_takes_in_another_merges_its_case_into_its_own() {
        String tenant = "wiring-" + UUID.randomUUID().toString().substring(0, 8);
        String one = "campaign-" + UUID.randomUUID().toString().substring(0, 12);
        String other = "campaign-" + UUID.randomUUID().toString().substring(0, 12);
        IncidentId first = detections.raise(campaign(tenant, one, "key000000001", List.of()));
        IncidentId second = detections.raise(campaign(tenant, other, "key000000002", List.of()));

        IncidentId grown = detections.raise(campaign(tenant, one, "key000000002", List.of(other)));

        assertEquals(first, grown);
        assertEquals(first, new IncidentId(incidents.find(second).orElseThrow().mergedInto()));
        assertTrue(incidents.find(first).orElseThrow().observables()
                .contains(new Observable(Observable.Kind.CAMPAIGN, other)), "the other campaign's observables came");
        assertTrue(incidents.timeline(first).stream().anyMatch(entry -> entry.kind() == TimelineEntry.Kind.MERGED
                && entry.body().contains(other)), "the merge is on the timeline");
    }

    private static Detection campaign(String tenant, String campaignId, String keyId, List<String> superseded) {
        return new Detection(tenant, null, campaignId, Severity.HIGH, "campaign of keys", "linked by templates",
                List.of(new Observable(Observable.Kind.API_KEY, keyId), new Observable(Observable.Kind.CAMPAIGN,
                        campaignId)), superseded);
    }

    @Test
    void a_breached_sla_goes_on_the_timeline_once() {
        IncidentId overdue = overdueCase.store();

        slaBreaches.noteBreaches();
        slaBreaches.noteBreaches();

        assertEquals(List.of(TimelineEntry.Kind.SLA_BREACHED), incidents.timeline(overdue).stream()
                .map(TimelineEntry::kind).toList());
        assertTrue(incidents.find(overdue).orElseThrow().slaBreachNoted());
    }

    /**
     * A stored rule that throws while the gateway inspects a request is skipped at once, then taken out of force
     * off the request path, with an audit entry saying why; the built-in pack stays in force.
     */
    @Test
    void a_stored_rule_that_throws_is_disabled_with_an_audit_entry() throws InterruptedException {
        String ruleId = "WIRING-" + (System.nanoTime() % 1_000_000);
        ruleSeed.storeEnabled(ruleId, Json.createObjectBuilder().add("name", "any letter a").add("kind", "pattern")
                .add("pattern", "a").build());
        // No operator can write a rule that throws; a request without text (the gateway never builds one) makes
        // every text rule throw, this stored one included.
        RequestContext textless = new RequestContext("m", 1, 1, "", null, null, 0, 0, null, null, false, null,
                null, null);

        Verdict verdict = inspection.inspect(null, textless);

        assertTrue(verdict.failedRules().contains(ruleId), verdict.failedRules().toString());
        Instant deadline = Instant.now().plusSeconds(10);
        while (rules.get(ruleId).enabled() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertFalse(rules.get(ruleId).enabled(), "disabled within 10 s");
        AuditEntry disabled = audit.find(new AuditRepository.AuditQuery(null, null, "rule.disabled", "rule:" + ruleId,
                null, null, null, 1)).getFirst();
        assertEquals("system", disabled.actor(), "background work is the system's");
        assertTrue(disabled.after().contains("threw while inspecting a request"), disabled.after());
        List<String> failedAfter = inspection.inspect(null, textless).failedRules();
        assertFalse(failedAfter.contains(ruleId), "out of force: " + failedAfter);
        assertTrue(failedAfter.stream().anyMatch(id -> id.startsWith("DST-")), "the built-in rules still run: " + failedAfter);
    }

    /** The audit chain survives the round trip through the database, and an edit made in SQL breaks it. */
    @Test
    void the_audit_chain_holds_in_the_database_and_shows_an_edit() throws SQLException {
        TenantId id = uniqueTenantId();
        tenants.create(id, "Audited", URI.create("http://audited.test/v1"));
        AuditEntry created = audit.find(new AuditRepository.AuditQuery(id.value(), null, "tenant.created", null, null,
                null, null, 1)).getFirst();
        assertTrue(created.after().contains("\"name\":\"Audited\""), created.after());
        assertTrue(chainVerdict().intact(), "the chain as written");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement edit = connection.prepareStatement("update audit_entry set actor = ? where seq = ?")) {
            edit.setString(1, "mallory");
            edit.setLong(2, created.seq());
            edit.executeUpdate();
            AuditChainCheck.Verdict tampered = chainVerdict();
            edit.setString(1, created.actor());
            edit.executeUpdate();
            assertEquals(created.seq(), tampered.firstBrokenSeq(), tampered.toString());
        }
        assertTrue(chainVerdict().intact(), "the chain once the edit is undone");
    }

    private AuditChainCheck.Verdict chainVerdict() {
        AuditChainCheck check = new AuditChainCheck();
        List<AuditEntry> entries = audit.chain(1, Integer.MAX_VALUE);
        entries.forEach(check::accept);
        AuditEntry last = entries.getLast();
        return check.finish(last.seq(), last.hash());
    }

    private static TenantId uniqueTenantId() {
        return new TenantId("it-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
