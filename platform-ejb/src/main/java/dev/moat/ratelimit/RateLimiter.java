package dev.moat.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Request and token limits per key and per tenant, as token buckets (Bucket4j) refilled continuously. A
 * request takes one request token from each of its buckets up front; its model tokens are only known after
 * the answer and are then taken, even into debt, so the next requests wait until the debt is refilled.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentMap<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public RateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(TimeMeter time) {
        this.time = time;
    }

    /** One subject's buckets for one set of limits; replaced when the limits change. */
    private record Buckets(Limits limits, Bucket requests, Bucket tokens) {
    }

    /** The outcome for one request, with what OpenAI's {@code x-ratelimit-*} headers report. */
    public record Decision(boolean allowed, long retryAfterSeconds, Long requestLimit, long remainingRequests,
                           long requestResetSeconds, Long tokenLimit, long remainingTokens) {
    }

    /**
     * Admits a request of a key (subject {@code key}) within its tenant (subject {@code tenant}), or refuses
     * it with the time after which it would be admitted.
     */
    public Decision admit(String key, Limits keyLimits, String tenant, Limits tenantLimits) {
        Buckets keyBuckets = bucketsOf("key:" + key, keyLimits);
        Buckets tenantBuckets = bucketsOf("tenant:" + tenant, tenantLimits);
        long tokenWait = Math.max(nanosUntilTokens(keyBuckets), nanosUntilTokens(tenantBuckets));
        if (tokenWait > 0) {
            return refused(tokenWait, keyBuckets);
        }
        ConsumptionProbe keyProbe = keyBuckets.requests() == null ? null
                : keyBuckets.requests().tryConsumeAndReturnRemaining(1);
        if (keyProbe != null && !keyProbe.isConsumed()) {
            return refused(keyProbe.getNanosToWaitForRefill(), keyBuckets);
        }
        if (tenantBuckets.requests() != null) {
            ConsumptionProbe tenantProbe = tenantBuckets.requests().tryConsumeAndReturnRemaining(1);
            if (!tenantProbe.isConsumed()) {
                if (keyProbe != null) {
                    keyBuckets.requests().addTokens(1);
                }
                return refused(tenantProbe.getNanosToWaitForRefill(), keyBuckets);
            }
        }
        return new Decision(true, 0, keyLimits.requestsPerMinute(),
                keyProbe == null ? -1 : keyProbe.getRemainingTokens(),
                keyProbe == null ? 0 : seconds(keyProbe.getNanosToWaitForReset()),
                tokenLimit(keyLimits), keyBuckets.tokens() == null ? -1 : keyBuckets.tokens().getAvailableTokens());
    }

    /** Takes the model tokens a finished request used. */
    public void recordTokens(String key, Limits keyLimits, String tenant, Limits tenantLimits, long tokens) {
        if (tokens <= 0) {
            return;
        }
        takeTokens(bucketsOf("key:" + key, keyLimits), tokens);
        takeTokens(bucketsOf("tenant:" + tenant, tenantLimits), tokens);
    }

    private static void takeTokens(Buckets subject, long tokens) {
        if (subject.tokens() != null) {
            subject.tokens().consumeIgnoringRateLimits(tokens);
        }
    }

    private Decision refused(long nanosToWait, Buckets keyBuckets) {
        Limits limits = keyBuckets.limits();
        return new Decision(false, Math.max(1, seconds(nanosToWait)), limits.requestsPerMinute(),
                keyBuckets.requests() == null ? -1 : keyBuckets.requests().getAvailableTokens(), seconds(nanosToWait),
                tokenLimit(limits), keyBuckets.tokens() == null ? -1 : Math.max(0, keyBuckets.tokens().getAvailableTokens()));
    }

    private static long nanosUntilTokens(Buckets subject) {
        if (subject.tokens() == null || subject.tokens().getAvailableTokens() > 0) {
            return 0;
        }
        return subject.tokens().estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Buckets bucketsOf(String subject, Limits limits) {
        Buckets current = buckets.get(subject);
        if (current != null && current.limits().equals(limits)) {
            return current;
        }
        return buckets.compute(subject, (name, old) -> old != null && old.limits().equals(limits) ? old
                : new Buckets(limits, requestBucket(limits), tokenBucket(limits)));
    }

    private Bucket requestBucket(Limits limits) {
        if (!limits.limitsRequests()) {
            return null;
        }
        return Bucket.builder().withCustomTimePrecision(time)
                .addLimit(perMinute(limits.requestsPerMinute())).build();
    }

    private Bucket tokenBucket(Limits limits) {
        if (!limits.limitsTokens()) {
            return null;
        }
        var builder = Bucket.builder().withCustomTimePrecision(time);
        if (limits.tokensPerMinute() != null) {
            builder.addLimit(perMinute(limits.tokensPerMinute()));
        }
        if (limits.tokensPerDay() != null) {
            builder.addLimit(Bandwidth.builder().capacity(limits.tokensPerDay())
                    .refillGreedy(limits.tokensPerDay(), Duration.ofDays(1)).build());
        }
        return builder.build();
    }

    private static Bandwidth perMinute(long amount) {
        return Bandwidth.builder().capacity(amount).refillGreedy(amount, Duration.ofMinutes(1)).build();
    }

    private static Long tokenLimit(Limits limits) {
        return limits.tokensPerMinute() != null ? limits.tokensPerMinute() : limits.tokensPerDay();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
