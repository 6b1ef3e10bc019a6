package dev.moat.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    private final ManualTime time = new ManualTime();
    private final RateLimiter limiter = new RateLimiter(time);

    @Test
    void requests_per_minute_of_a_key_are_enforced_and_refill_over_time() {
        Limits threePerMinute = new Limits(3L, null, null);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.admit("k1", threePerMinute, "acme", Limits.NONE).allowed());
        }

        RateLimiter.Decision refused = limiter.admit("k1", threePerMinute, "acme", Limits.NONE);
        assertFalse(refused.allowed());
        assertEquals(20, refused.retryAfterSeconds(), "one request refills every 20 s");

        time.advance(Duration.ofSeconds(20));
        assertTrue(limiter.admit("k1", threePerMinute, "acme", Limits.NONE).allowed());
    }

    @Test
    void the_tenant_limit_holds_across_its_keys() {
        Limits tenantTwoPerMinute = new Limits(2L, null, null);

        assertTrue(limiter.admit("k1", Limits.NONE, "acme", tenantTwoPerMinute).allowed());
        assertTrue(limiter.admit("k2", Limits.NONE, "acme", tenantTwoPerMinute).allowed());
        assertFalse(limiter.admit("k3", Limits.NONE, "acme", tenantTwoPerMinute).allowed());
        assertTrue(limiter.admit("k4", Limits.NONE, "other", tenantTwoPerMinute).allowed());
    }

    @Test
    void a_key_refused_by_its_tenant_gets_its_own_request_back() {
        Limits keyTwoPerMinute = new Limits(2L, null, null);
        Limits tenantOnePerMinute = new Limits(1L, null, null);
        assertTrue(limiter.admit("k1", keyTwoPerMinute, "acme", tenantOnePerMinute).allowed());

        assertFalse(limiter.admit("k1", keyTwoPerMinute, "acme", tenantOnePerMinute).allowed());
        RateLimiter.Decision elsewhere = limiter.admit("k1", keyTwoPerMinute, "other", Limits.NONE);
        assertTrue(elsewhere.allowed(), "the refused request must not have used up the key's second request");
        assertEquals(0, elsewhere.remainingRequests());
    }

    @Test
    void tokens_used_beyond_the_limit_hold_back_the_next_requests_until_refilled() {
        Limits thousandTokensPerMinute = new Limits(null, 1000L, null);
        assertTrue(limiter.admit("k1", thousandTokensPerMinute, "acme", Limits.NONE).allowed());

        limiter.recordTokens("k1", thousandTokensPerMinute, "acme", Limits.NONE, 1500);

        RateLimiter.Decision refused = limiter.admit("k1", thousandTokensPerMinute, "acme", Limits.NONE);
        assertFalse(refused.allowed());
        assertEquals(31, refused.retryAfterSeconds(), "501 tokens of debt refill in 30.06 s");
        time.advance(Duration.ofSeconds(31));
        assertTrue(limiter.admit("k1", thousandTokensPerMinute, "acme", Limits.NONE).allowed());
    }

    @Test
    void changed_limits_take_effect_at_once() {
        assertTrue(limiter.admit("k1", new Limits(1L, null, null), "acme", Limits.NONE).allowed());
        assertFalse(limiter.admit("k1", new Limits(1L, null, null), "acme", Limits.NONE).allowed());

        assertTrue(limiter.admit("k1", new Limits(100L, null, null), "acme", Limits.NONE).allowed());
    }
}
