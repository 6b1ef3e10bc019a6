package dev.moat.incident;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.domain.StaleVersion;
import dev.moat.idempotency.IdempotencyService;
import dev.moat.incident.IncidentRepository.IncidentQuery;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import dev.moat.security.UserDirectory;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantRepository;
import dev.moat.webhook.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Security cases as operators and ticketing systems work them; each public method is one transaction. Tenant
 * isolation is enforced here: a tenant admin reads only its tenant's cases and changes none, and to it other
 * tenants' cases do not exist.
 */
@ApplicationScoped
@Transactional
public class IncidentService {

    public static final int MAX_COMMENT = 10_000;

    private final IncidentRepository incidents;
    private final TenantRepository tenants;
    private final IdempotencyService idempotency;
    private final SlaPolicy sla;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Event<WebhookEvent> events;
    private final Event<AuditedChange> audit;
    private final UserDirectory users;

    /** For CDI's client proxy only. */
    protected IncidentService() {
        this(null, null, null, null, null, null, null, null, null);
    }

    @Inject
    public IncidentService(IncidentRepository incidents, TenantRepository tenants, IdempotencyService idempotency,
                           SlaPolicy sla, CurrentCaller caller, Clock clock, Event<WebhookEvent> events,
                           Event<AuditedChange> audit, UserDirectory users) {
        this.users = users;
        this.incidents = incidents;
        this.tenants = tenants;
        this.idempotency = idempotency;
        this.sla = sla;
        this.caller = caller;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    public record NewIncident(String title, String description, Severity severity, String tenantId,
                              List<String> tags, List<Observable> observables, String assignee,
                              List<ExternalReference> externalReferences) {
    }

    /**
     * A partial update: {@code null} leaves a field as it is. {@code assignee} empty unassigns; observables are
     * only ever added.
     */
    public record IncidentChange(String title, String description, Severity severity, IncidentStatus status,
                                 Optional<String> assignee, List<String> tags, List<Observable> addObservables,
                                 List<ExternalReference> addReferences) {

        public static IncidentChange status(IncidentStatus status) {
            return new IncidentChange(null, null, null, status, null, null, null, null);
        }

        public static IncidentChange severity(Severity severity) {
            return new IncidentChange(null, null, severity, null, null, null, null, null);
        }

        /** Assigns to the user, or unassigns when the name is blank. */
        public static IncidentChange assignee(String userName) {
            return new IncidentChange(null, null, null, null, userName == null || userName.isBlank() ? Optional.empty()
                    : Optional.of(userName.strip()), null, null, null);
        }
    }

    /** A case with everything recorded on it. */
    public record CaseFile(Incident incident, List<TimelineEntry> timeline, List<Evidence> evidence) {
    }

    public Incident open(NewIncident request, String idempotencyKey, String requestHash) {
        MoatPrincipal operator = requireOperator();
        String number = idempotency.once(new IdempotencyService.Request(operator.subject(), "open-incident",
                idempotencyKey, requestHash), () -> openNow(request, operator.userName()).id().toString());
        return visible(IncidentId.parse(number));
    }

    private Incident openNow(NewIncident request, String actor) {
        if (request.tenantId() != null && tenants.find(new TenantId(request.tenantId())).isEmpty()) {
            throw new DomainRuleViolation("no tenant '" + request.tenantId() + "'");
        }
        Instant now = clock.instant();
        Severity severity = request.severity() == null ? Severity.MEDIUM : request.severity();
        Incident incident = incidents.add(new Incident(request.title(), request.description(), severity,
                request.tenantId(), request.tags(), actor, now, sla.dueAt(severity, now)));
        incident.assignTo(existingUser(request.assignee()));
        incident.observe(request.observables() == null ? List.of() : request.observables());
        incident.reference(request.externalReferences() == null ? List.of() : request.externalReferences());
        incidents.append(new TimelineEntry(incident.id(), now, actor, TimelineEntry.Kind.OPENED,
                "Opened as " + severity + ", due " + TimelineEntry.when(incident.dueAt())));
        events.fire(IncidentEvents.created(incident, now));
        audit.fire(new AuditedChange("incident.opened", "incident:" + incident.id(), incident.tenantId(), null,
                state(incident)));
        return incident;
    }

    /** The case alone, when the caller may see it: for work that needs neither timeline nor evidence. */
    public Incident find(IncidentId id) {
        return visible(id);
    }

    public CaseFile read(IncidentId id) {
        Incident incident = visible(id);
        return new CaseFile(incident, incidents.timeline(id), incidents.evidence(id));
    }

    /** Cases the caller may see, newest change first; a tenant admin's filter is always its own tenant. */
    public List<Incident> list(IncidentQuery query) {
        MoatPrincipal reader = caller.principal();
        if (reader.tenant().isPresent()) {
            if (query.tenantId() != null && !reader.maySee(query.tenantId())) {
                return List.of();
            }
            query = new IncidentQuery(reader.tenant().get(), query.statuses(), query.severity(), query.keyId(),
                    query.updatedSince(), query.beforeUpdatedAt(), query.beforeNumber(), query.limit());
        }
        return incidents.list(query);
    }

    /**
     * Applies the change when the case is still at the version the caller read.
     *
     * @throws StaleVersion when someone changed the case since
     * @throws IllegalTransition when the status change is not in the workflow
     */
    public Incident update(IncidentId id, long expectedVersion, IncidentChange change) {
        Incident incident = visible(id);
        String actor = requireOperator().userName();
        if (incident.version() != expectedVersion) {
            throw new StaleVersion(id.toString(), expectedVersion, incident.version());
        }
        Instant now = clock.instant();
        JsonObject stateBefore = state(incident);
        List<String> changes = new ArrayList<>();
        if (change.title() != null && !change.title().strip().equals(incident.title())) {
            incident.retitle(change.title());
            changes.add("title set to \"" + incident.title() + "\"");
        }
        if (change.description() != null && !change.description().equals(incident.description())) {
            incident.describe(change.description());
            changes.add("description edited");
        }
        if (change.severity() != null && change.severity() != incident.severity()) {
            Severity before = incident.severity();
            incident.classify(change.severity(), sla.dueAt(change.severity(), incident.createdAt()));
            changes.add("severity " + before + " → " + change.severity() + ", now due "
                    + TimelineEntry.when(incident.dueAt()));
        }
        if (change.assignee() != null
                && !change.assignee().map(String::strip).equals(Optional.ofNullable(incident.assignee()))) {
            incident.assignTo(existingUser(change.assignee().orElse(null)));
            changes.add(incident.assignee() == null ? "unassigned" : "assigned to " + incident.assignee());
        }
        if (change.tags() != null && !change.tags().equals(incident.tags())) {
            incident.retag(change.tags());
            changes.add("tags set to " + incident.tags());
        }
        if (!changes.isEmpty()) {
            incidents.append(new TimelineEntry(id, now, actor, TimelineEntry.Kind.CHANGED, String.join("; ", changes)));
        }
        incident.touch(now);
        if (change.addObservables() != null) {
            List<Observable> added = incident.observe(change.addObservables());
            if (!added.isEmpty()) {
                incidents.append(new TimelineEntry(id, now, actor, TimelineEntry.Kind.OBSERVED, describe(added)));
                changes.add(describe(added));
            }
        }
        if (change.addReferences() != null) {
            List<ExternalReference> added = incident.reference(change.addReferences());
            if (!added.isEmpty()) {
                String text = "linked to " + String.join(", ", added.stream().map(ExternalReference::toString).toList());
                incidents.append(new TimelineEntry(id, now, actor, TimelineEntry.Kind.LINKED, text));
                changes.add(text);
            }
        }
        if (change.status() != null && change.status() != incident.status()) {
            IncidentStatus before = incident.status();
            incident.moveTo(change.status(), now);
            incidents.append(new TimelineEntry(id, now, actor, TimelineEntry.Kind.STATUS_CHANGED,
                    before + " → " + change.status()));
            events.fire(IncidentEvents.statusChanged(incident, before, now));
        }
        if (!changes.isEmpty()) {
            events.fire(IncidentEvents.updated(incident, String.join("; ", changes), now));
        }
        JsonObject stateAfter = state(incident);
        if (!stateAfter.equals(stateBefore)) {
            audit.fire(new AuditedChange("incident.updated", "incident:" + id, incident.tenantId(), stateBefore,
                    stateAfter));
        }
        return incident;
    }

    /** Assigns each case to the user, or unassigns it when the name is blank; each change on its timeline. */
    public void assignAll(Collection<IncidentId> ids, String assignee) {
        for (IncidentId id : ids) {
            update(id, visible(id).version(), IncidentChange.assignee(assignee));
        }
    }

    /** Closes each case, resolving it first when it is still open. */
    public void closeAll(Collection<IncidentId> ids) {
        for (IncidentId id : ids) {
            Incident incident = visible(id);
            if (incident.status().isOpen()) {
                update(id, incident.version(), IncidentChange.status(IncidentStatus.RESOLVED));
            }
            if (incident.status() != IncidentStatus.CLOSED) {
                update(id, incident.version(), IncidentChange.status(IncidentStatus.CLOSED));
            }
        }
    }

    /**
     * A status change that a ticketing system reports for the ticket it keeps for this case (resolved or
     * reopened there); the workflow still applies. A message delivered twice changes nothing the second time.
     */
    public Incident syncFromTicket(IncidentId id, IncidentStatus status, String comment, ExternalReference ticket,
                                   String messageId, String requestHash) {
        MoatPrincipal operator = requireOperator();
        idempotency.once(new IdempotencyService.Request(operator.subject(), "ticket-sync:" + id, messageId,
                requestHash), () -> {
            Incident incident = visible(id);
            update(id, incident.version(), new IncidentChange(null, null, null, status, null, null, null,
                    ticket == null ? null : List.of(ticket)));
            if (comment != null && !comment.isBlank()) {
                addComment(incident, comment, operator.userName() + (ticket == null ? "" : " via " + ticket));
            }
            return id.toString();
        });
        return visible(id);
    }

    /** Adds a comment to the case's timeline; a retry with the same Idempotency-Key adds nothing. */
    public TimelineEntry comment(IncidentId id, String text, String idempotencyKey, String requestHash) {
        Incident incident = visible(id);
        MoatPrincipal operator = requireOperator();
        if (text == null || text.isBlank() || text.length() > MAX_COMMENT) {
            throw new DomainRuleViolation("a comment is 1 to " + MAX_COMMENT + " characters");
        }
        String entryId = idempotency.once(new IdempotencyService.Request(operator.subject(), "comment:" + id,
                idempotencyKey, requestHash), () -> String.valueOf(addComment(incident, text, operator.userName()).id()));
        return incidents.timeline(id).stream().filter(entry -> String.valueOf(entry.id()).equals(entryId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("remembered comment " + entryId + " is missing"));
    }

    /** The user name, when the identity provider knows it (or cannot say); blank means nobody. */
    private String existingUser(String userName) {
        if (userName == null || userName.isBlank()
                || users.lookUp(userName.strip()) != UserDirectory.Answer.UNKNOWN) {
            return userName;
        }
        throw new DomainRuleViolation("no user '" + userName.strip() + "' at the identity provider; cases are "
                + "assigned to people who can sign in");
    }

    private TimelineEntry addComment(Incident incident, String text, String author) {
        if (text.length() > MAX_COMMENT) {
            throw new DomainRuleViolation("a comment is 1 to " + MAX_COMMENT + " characters");
        }
        Instant now = clock.instant();
        TimelineEntry entry = new TimelineEntry(incident.id(), now, author, TimelineEntry.Kind.COMMENT, text);
        incidents.append(entry);
        incident.touch(now);
        events.fire(IncidentEvents.commented(incident, entry));
        audit.fire(new AuditedChange("incident.commented", "incident:" + incident.id(), incident.tenantId(), null,
                AuditedChange.state("comment", entry.id())));
        return entry;
    }

    /** Attaches an operator's evidence (a watermark verification, for one) to a case. */
    public Evidence attach(IncidentId id, Evidence.Kind kind, String summary, String detail) {
        String actor = requireOperator().userName();
        Incident incident = visible(id);
        Instant now = clock.instant();
        Evidence evidence = new Evidence(id, now, actor, kind, summary, detail);
        incidents.attach(evidence);
        incidents.append(new TimelineEntry(id, now, actor, TimelineEntry.Kind.EVIDENCE_ADDED, summary));
        incident.touch(now);
        return evidence;
    }

    private Incident visible(IncidentId id) {
        Incident incident = incidents.find(id).orElseThrow(() -> new NotFound("No case '" + id + "'"));
        MoatPrincipal reader = caller.principal();
        if (reader.tenant().isPresent() && !reader.tenant().get().equals(incident.tenantId())) {
            throw new NotFound("No case '" + id + "'");
        }
        return incident;
    }

    private MoatPrincipal requireOperator() {
        return caller.principal().requireOneOf(Role.OPERATORS, "Only platform admins and security operators change cases");
    }

    /** A case as the audit log keeps it; texts and comments live on its timeline. */
    private static JsonObject state(Incident incident) {
        return AuditedChange.state("title", incident.title(), "severity", incident.severity(), "status",
                incident.status(), "assignee", incident.assignee(), "tags", incident.tags(),
                "observables", incident.observables().stream().map(o -> o.kind() + ":" + o.value()).sorted().toList());
    }

    static String describe(List<Observable> observables) {
        return "observed " + String.join(", ", observables.stream()
                .map(o -> o.kind().name().toLowerCase().replace('_', ' ') + " " + o.value()).toList());
    }
}
