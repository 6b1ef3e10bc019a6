package dev.moat.ratelimit;

import dev.moat.domain.AuditedChange;
import jakarta.json.JsonObject;

/** Limits as the audit log keeps them. */
public final class LimitsState {

    private LimitsState() {
    }

    public static JsonObject of(Limits limits) {
        Limits shown = Limits.orNone(limits);
        return AuditedChange.state("requestsPerMinute", shown.requestsPerMinute(),
                "tokensPerMinute", shown.tokensPerMinute(), "tokensPerDay", shown.tokensPerDay());
    }
}
