package dev.moat.ratelimit;

import dev.moat.domain.DomainRuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rate and token limits of a key or a tenant; {@code null} means no limit of that kind. */
@Embeddable
public record Limits(
        @Column(name = "requests_per_minute") Long requestsPerMinute,
        @Column(name = "tokens_per_minute") Long tokensPerMinute,
        @Column(name = "tokens_per_day") Long tokensPerDay) {

    public static final Limits NONE = new Limits(null, null, null);
    /** The token buckets refill at most one unit per nanosecond. */
    static final long MAX_PER_MINUTE = 60_000_000_000L;
    static final long MAX_PER_DAY = MAX_PER_MINUTE * 60 * 24;

    public Limits {
        requireWithin(requestsPerMinute, MAX_PER_MINUTE, "requestsPerMinute");
        requireWithin(tokensPerMinute, MAX_PER_MINUTE, "tokensPerMinute");
        requireWithin(tokensPerDay, MAX_PER_DAY, "tokensPerDay");
    }

    public boolean limitsRequests() {
        return requestsPerMinute != null;
    }

    public boolean limitsTokens() {
        return tokensPerMinute != null || tokensPerDay != null;
    }

    /** A summary for people, such as "60 requests/min · 10,000 tokens/day", or "no limits". */
    public String describe() {
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        List<String> parts = new ArrayList<>();
        if (requestsPerMinute != null) {
            parts.add(count.format(requestsPerMinute) + " requests/min");
        }
        if (tokensPerMinute != null) {
            parts.add(count.format(tokensPerMinute) + " tokens/min");
        }
        if (tokensPerDay != null) {
            parts.add(count.format(tokensPerDay) + " tokens/day");
        }
        return parts.isEmpty() ? "no limits" : String.join(" · ", parts);
    }

    /** JPA reads an embeddable whose columns are all null as null. */
    public static Limits orNone(Limits limits) {
        return limits == null ? NONE : limits;
    }

    private static void requireWithin(Long value, long max, String name) {
        if (value != null && (value <= 0 || value > max)) {
            throw new DomainRuleViolation(name + " must be 1.." + max + " or absent (no limit), got " + value);
        }
    }
}
