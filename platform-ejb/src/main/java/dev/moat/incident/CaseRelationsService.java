package dev.moat.incident;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.idempotency.IdempotencyService;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import dev.moat.webhook.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * How cases relate: merging duplicates into one case that carries on with everything they hold, and linking
 * related cases without merging. Each public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class CaseRelationsService {

    private static final int MAX_REASON = 2000;

    private final IncidentService cases;
    private final IncidentRepository incidents;
    private final IdempotencyService idempotency;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Event<WebhookEvent> events;
    private final Event<AuditedChange> audit;

    /** For CDI's client proxy only. */
    protected CaseRelationsService() {
        this(null, null, null, null, null, null, null);
    }

    @Inject
    public CaseRelationsService(IncidentService cases, IncidentRepository incidents, IdempotencyService idempotency,
                                CurrentCaller caller, Clock clock, Event<WebhookEvent> events,
                                Event<AuditedChange> audit) {
        this.cases = cases;
        this.incidents = incidents;
        this.idempotency = idempotency;
        this.caller = caller;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Merges the sources into the target: it gains their observables, and copies of their evidence and timeline
     * (each marked with the case it came from); the sources are closed, stay readable and point to the target.
     */
    public Incident merge(IncidentId target, List<IncidentId> sources, String reason, String idempotencyKey,
                          String requestHash) {
        MoatPrincipal operator = caller.principal().requireOneOf(Role.OPERATORS,
                "Only platform admins and security operators merge cases");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new DomainRuleViolation("a merge needs a written reason of 1 to " + MAX_REASON + " characters");
        }
        if (sources == null || sources.isEmpty()) {
            throw new DomainRuleViolation("name the cases to merge into " + target);
        }
        idempotency.once(new IdempotencyService.Request(operator.subject(), "merge:" + target, idempotencyKey,
                requestHash), () -> {
            mergeNow(cases.find(target), sources.stream().distinct().map(cases::find).toList(), reason.strip(),
                    operator.userName());
            return target.toString();
        });
        return cases.find(target);
    }

    /**
     * Moat's own merge, for a campaign that took in another one with a case of its own: that case carries on in
     * the surviving campaign's case. Cases of different tenants are related instead, so that neither tenant's
     * case disappears.
     */
    void mergeDetected(Incident into, Incident from, String reason) {
        if (into.tenantId() == null || into.tenantId().equals(from.tenantId())) {
            mergeNow(into, List.of(from), reason, DetectionService.ACTOR);
        } else {
            relateNow(into, from, DetectionService.ACTOR, ": " + reason);
        }
    }

    private void mergeNow(Incident into, List<Incident> sources, String reason, String actor) {
        IncidentId target = into.id();
        if (into.mergedInto() != null) {
            throw new DomainRuleViolation(target + " was itself merged into another case; merge into that one");
        }
        Instant now = clock.instant();
        for (Incident from : sources) {
            IncidentId source = from.id();
            if (into.tenantId() != null && !into.tenantId().equals(from.tenantId())) {
                throw new DomainRuleViolation(source + " belongs to another tenant than " + target);
            }
            IncidentStatus before = from.status();
            from.mergeInto(target, now);
            into.observe(from.observables());
            for (TimelineEntry entry : incidents.timeline(source)) {
                incidents.append(new TimelineEntry(target, entry.occurredAt(), entry.actor(), entry.kind(),
                        "[" + source + "] " + entry.body()));
            }
            for (Evidence evidence : incidents.evidence(source)) {
                incidents.attach(new Evidence(target, evidence.addedAt(), evidence.addedBy(), evidence.kind(),
                        shortened("[" + source + "] " + evidence.summary()), evidence.detail()));
            }
            incidents.append(new TimelineEntry(source, now, actor, TimelineEntry.Kind.MERGED,
                    "Merged into " + target + ": " + reason));
            incidents.append(new TimelineEntry(target, now, actor, TimelineEntry.Kind.MERGED,
                    "Merged " + source + " into this case: " + reason));
            from.touch(now);
            events.fire(IncidentEvents.statusChanged(from, before, now));
            audit.fire(new AuditedChange("incident.merged", "incident:" + source, from.tenantId(), null,
                    AuditedChange.state("into", target.toString(), "reason", reason)));
        }
        into.touch(now);
        events.fire(IncidentEvents.updated(into, "merged " + sources.stream().map(Incident::id).toList(), now));
    }

    /** Links two cases both ways; linking them again changes nothing. */
    public void relate(IncidentId id, IncidentId other) {
        MoatPrincipal operator = caller.principal().requireOneOf(Role.OPERATORS,
                "Only platform admins and security operators link cases");
        relateNow(cases.find(id), cases.find(other), operator.userName(), "");
    }

    /** Links the two cases both ways, noting {@code why} on both timelines; linking them again changes nothing. */
    private void relateNow(Incident one, Incident two, String actor, String why) {
        Instant now = clock.instant();
        if (one.relateTo(two.id()) | two.relateTo(one.id())) {
            incidents.append(new TimelineEntry(one.id(), now, actor, TimelineEntry.Kind.LINKED,
                    "Related to " + two.id() + why));
            incidents.append(new TimelineEntry(two.id(), now, actor, TimelineEntry.Kind.LINKED,
                    "Related to " + one.id() + why));
            one.touch(now);
            two.touch(now);
            audit.fire(new AuditedChange("incident.linked", "incident:" + one.id(), one.tenantId(), null,
                    AuditedChange.state("related", two.id().toString())));
        }
    }

    private static String shortened(String summary) {
        return summary.length() <= 500 ? summary : summary.substring(0, 499) + "…";
    }
}
