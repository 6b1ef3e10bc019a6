package dev.moat.incident;

import dev.moat.domain.AuditedChange;
import dev.moat.domain.Sha256;
import dev.moat.platform.EvidenceSigner;
import dev.moat.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Exports cases as signed evidence packs; every export is audited. */
@ApplicationScoped
@Transactional
public class EvidencePackService {

    private final IncidentService cases;
    private final EvidenceSigner signer;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Event<AuditedChange> audit;

    /** For CDI's client proxy only. */
    protected EvidencePackService() {
        this(null, null, null, null, null);
    }

    @Inject
    public EvidencePackService(IncidentService cases, EvidenceSigner signer, CurrentCaller caller, Clock clock,
                               Event<AuditedChange> audit) {
        this.cases = cases;
        this.signer = signer;
        this.caller = caller;
        this.clock = clock;
        this.audit = audit;
    }

    /** The case as a ZIP: case.json, report.html and the signed chain.txt; for anyone who may read the case. */
    public byte[] export(IncidentId id) {
        IncidentService.CaseFile file = cases.read(id);
        byte[] pack = EvidencePack.of(file, caller.principal().userName(), clock.instant(), signer);
        audit.fire(new AuditedChange("incident.exported", "incident:" + id, file.incident().tenantId(), null,
                AuditedChange.state("sha256", Sha256.hex(pack))));
        return pack;
    }

    /** The public key that verifies this server's packs, X.509 encoded, base64. */
    public String publicKey() {
        return signer.publicKey();
    }
}
