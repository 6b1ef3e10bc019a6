package dev.moat.detection;

import dev.moat.inspection.DistillationRules;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Verdict;
import dev.moat.net.Cidr;
import java.net.InetAddress;
import java.time.Instant;

/**
 * What the gateway saw of one inspected request, handed to detection off the request path: only what the
 * gateway had at hand; anything derived is worked out by detection, on its own thread. {@code ownWorkload}: the
 * key is declared its tenant's own workload (see {@code ApiKey.ownWorkload}).
 */
public record Observation(Instant at, String tenantId, String keyId, InetAddress client, ClientFingerprint software,
                          String country,
                          RequestContext request, Verdict verdict, long promptTokens, long completionTokens,
                          long answeredAfterMillis, boolean ownWorkload) {

    String clientAddress() {
        return client.getHostAddress();
    }

    /** The client's /24 (or /48 for IPv6): many users behind one key show as many networks. */
    Cidr network() {
        return new Cidr(client, client.getAddress().length == 4 ? 24 : 48);
    }

    /** The same request with its texts cut to {@code maxChars} characters, for keeping it in memory. */
    Observation truncated(int maxChars) {
        return new Observation(at, tenantId, keyId, client, software, country, request.truncated(maxChars), verdict,
                promptTokens, completionTokens, answeredAfterMillis, ownWorkload);
    }

    /** A finding of a text rule: the request asks for reasoning traces, training data and the like. */
    boolean elicits() {
        return verdict.findings().stream().anyMatch(finding -> !DistillationRules.HARVESTING.equals(finding.category()));
    }

    /** The request samples the model's output distribution: log-probabilities or several answers. */
    boolean harvests() {
        return request.logprobs() || request.n() != null && request.n() >= 2;
    }
}
