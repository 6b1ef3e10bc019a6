package dev.moat.audit;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;

import dev.moat.audit.AuditRepository.AuditQuery;
import dev.moat.domain.AuditedChange;
import dev.moat.security.CallerAddress;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tamper-evident audit log: every administrative change is appended, chained by hash to the one before, in
 * the transaction of the change. Read and verified by platform admins and auditors.
 */
@ApplicationScoped
@Transactional
public class AuditService {

    private static final Set<String> READERS = Set.of(PLATFORM_ADMIN, AUDITOR);
    private static final String SYSTEM = "system";
    private static final int VERIFY_PAGE = 1000;

    private final AuditRepository audit;
    private final CurrentCaller caller;
    private final Instance<CallerAddress> address;
    private final Clock clock;

    /** For CDI's client proxy only. */
    protected AuditService() {
        this(null, null, null, null);
    }

    @Inject
    public AuditService(AuditRepository audit, CurrentCaller caller, Instance<CallerAddress> address, Clock clock) {
        this.audit = audit;
        this.caller = caller;
        this.address = address;
        this.clock = clock;
    }

    void record(@Observes AuditedChange change) {
        Optional<MoatPrincipal> who = whoIsCalling();
        AuditHead head = audit.lockHead();
        audit.add(head.append(clock.instant(), who.map(MoatPrincipal::userName).orElse(SYSTEM),
                who.isPresent() ? addressOfCaller() : null, change.action(), change.target(), change.tenantId(),
                change.before() == null ? null : change.before().toString(),
                change.after() == null ? null : change.after().toString()));
    }

    /** Entries newest first, filtered. */
    public List<AuditEntry> find(AuditQuery query) {
        caller.principal().requireOneOf(READERS, "Only platform admins and auditors read the audit log");
        return audit.find(query);
    }

    /** Walks the whole chain and says whether, and where, it was tampered with. */
    public AuditChainCheck.Verdict verify() {
        caller.principal().requireOneOf(READERS, "Only platform admins and auditors verify the audit log");
        AuditHead head = audit.lockHead();
        AuditChainCheck check = new AuditChainCheck();
        List<AuditEntry> page = audit.chain(1, VERIFY_PAGE);
        while (!page.isEmpty()) {
            for (AuditEntry entry : page) {
                if (!check.accept(entry)) {
                    return check.finish(head.lastSeq(), head.lastHash());
                }
            }
            page = page.size() < VERIFY_PAGE ? List.of() : audit.chain(check.nextSeq(), VERIFY_PAGE);
        }
        return check.finish(head.lastSeq(), head.lastHash());
    }

    /** The signed-in caller; changes made outside a request (start-up, background work) are the system's. */
    private Optional<MoatPrincipal> whoIsCalling() {
        try {
            return Optional.of(caller.principal());
        } catch (IllegalStateException | ContextNotActiveException e) {
            return Optional.empty();
        }
    }

    private String addressOfCaller() {
        try {
            return address.isResolvable() ? address.get().current().orElse(null) : null;
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
