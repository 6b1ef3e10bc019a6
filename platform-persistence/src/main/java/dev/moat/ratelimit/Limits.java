package dev.moat.ratelimit;

import dev.moat.domain.DomainRuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Rate and token limits of a key or a tenant; {@code null} means no limit of that kind. */
@Embeddable
public record Limits(
        @Column(name = "requests_per_minute") Long requestsPerMinute,
        @Column(name = "tokens_per_minute") Long tokensPerMinute,
        @Column(name = "tokens_per_day") Long tokensPerDay) {

    public static final Limits NONE = new Limits(null, null, null);

    public Limits {
        requirePositive(requestsPerMinute, "requestsPerMinute");
        requirePositive(tokensPerMinute, "tokensPerMinute");
        requirePositive(tokensPerDay, "tokensPerDay");
    }

    public boolean limitsRequests() {
        return requestsPerMinute != null;
    }

    public boolean limitsTokens() {
        return tokensPerMinute != null || tokensPerDay != null;
    }

    /** JPA reads an embeddable whose columns are all null as null. */
    public static Limits orNone(Limits limits) {
        return limits == null ? NONE : limits;
    }

    private static void requirePositive(Long value, String name) {
        if (value != null && value <= 0) {
            throw new DomainRuleViolation(name + " must be positive or absent (no limit), got " + value);
        }
    }
}
