package dev.moat.detection;

import dev.moat.inspection.DistillationRules;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Verdict;
import java.time.Instant;

/**
 * What the gateway saw of one inspected request, handed to detection off the request path.
 *
 * @param network      the client's network (its /24, or /48 for IPv6): many users behind one key show as many
 * @param fingerprint  what the client calls itself (User-Agent), for linking keys driven by one program
 */
public record Observation(Instant at, String tenantId, String keyId, String clientAddress, String network,
                          String country, String fingerprint, RequestContext request, Verdict verdict,
                          long promptTokens, long completionTokens) {

    /** A finding of a text rule: the request asks for reasoning traces, training data and the like. */
    boolean elicits() {
        return verdict.findings().stream().anyMatch(finding -> !DistillationRules.HARVESTING.equals(finding.category()));
    }

    /** The request samples the model's output distribution: log-probabilities or several answers. */
    boolean harvests() {
        return request.logprobs() || request.n() != null && request.n() >= 2;
    }

    /** One question without a conversation before it. */
    boolean singleTurn() {
        int system = request.systemPrompt().isEmpty() ? 0 : 1;
        return request.userMessages() <= 1 && request.messageCount() <= 1 + system;
    }
}
