package dev.moat.web.gateway;

import dev.moat.detection.ClientFingerprint;
import dev.moat.detection.Observation;
import dev.moat.geo.GeoLocation;
import dev.moat.inspection.Finding;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Verdict;
import dev.moat.key.KeySnapshot;
import dev.moat.usage.UsageEvent;
import java.net.InetAddress;
import java.time.Instant;

/** What the gateway learns about one request as it goes, for its usage event. Used by one thread at a time. */
final class GatewayExchange {

    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final String endpoint;
    private final UsageScanner scanner = new UsageScanner();
    private InetAddress client;
    private GeoLocation location = GeoLocation.UNKNOWN;
    private String findings = "";
    private KeySnapshot key;
    private String model;
    private int requestBytes;
    private boolean streamed;
    private int status;
    private String decision = "allowed";
    private RequestContext inspectedRequest;
    private ClientFingerprint software = ClientFingerprint.NONE;
    private Verdict verdict;
    private UsageScanner.Usage usage;

    GatewayExchange(String pathInfo) {
        this.endpoint = pathInfo == null || pathInfo.length() <= 1 ? "" : truncated(pathInfo.substring(1), 40);
    }

    void from(InetAddress clientAddress) {
        this.client = clientAddress;
    }

    InetAddress client() {
        return client;
    }

    Instant startedAt() {
        return startedAt;
    }

    void locatedAt(GeoLocation where) {
        this.location = where;
    }

    void finding(String finding) {
        findings = findings.isEmpty() ? finding : findings + "," + finding;
    }

    /** The rules that fired, and a decision other than allow, go to the usage event's findings. */
    void inspected(RequestContext request, ClientFingerprint from, Verdict verdict) {
        this.inspectedRequest = request;
        this.software = from;
        this.verdict = verdict;
        for (Finding fired : verdict.findings()) {
            finding(fired.ruleId());
        }
        if (verdict.decision() != Verdict.Decision.ALLOW) {
            finding("inspection:" + verdict.decision().name().toLowerCase() + ":" + verdict.score());
        }
    }

    String country() {
        return location.country();
    }

    void authenticated(KeySnapshot snapshot) {
        this.key = snapshot;
    }

    void asks(String requestedModel, int bodyBytes) {
        this.model = truncated(requestedModel, 200);
        this.requestBytes = bodyBytes;
    }

    void answered(int upstreamStatus, boolean stream) {
        this.status = upstreamStatus;
        this.streamed = stream;
    }

    void refused(OpenAiError error) {
        this.status = error.status();
        this.decision = error.code();
    }

    void clientLeft() {
        this.decision = "client_left";
    }

    UsageScanner scanner() {
        return scanner;
    }

    /**
     * The token counts, once the answer has passed (the limiter, the usage event and detection all ask for them
     * then): worked out once.
     */
    UsageScanner.Usage usage() {
        if (usage == null) {
            usage = scanner.usage(requestBytes, streamed);
        }
        return usage;
    }

    /** What detection learns of an inspected request, once it is answered; {@code null} if none was inspected. */
    Observation observation() {
        if (inspectedRequest == null) {
            return null;
        }
        UsageScanner.Usage tokens = usage();
        return new Observation(startedAt, key.tenantId(), key.id().value(), client, software, location.country(),
                inspectedRequest, verdict, tokens.promptTokens(), tokens.completionTokens(),
                (System.nanoTime() - startedNanos) / 1_000_000, key.ownWorkload());
    }

    UsageEvent.Facts facts() {
        UsageScanner.Usage tokens = usage();
        boolean answered = "allowed".equals(decision) || "client_left".equals(decision);
        return new UsageEvent.Facts(startedAt, key == null ? null : key.tenantId(),
                key == null ? null : key.id().value(), client == null ? "unknown" : client.getHostAddress(),
                location.country(), location.asn(),
                endpoint, model, answered ? tokens.promptTokens() : 0, answered ? tokens.completionTokens() : 0,
                tokens.estimated(), (System.nanoTime() - startedNanos) / 1_000_000, status, decision, findings);
    }

    private static String truncated(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
