package dev.moat.ratelimit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.DomainRuleViolation;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void limits_are_positive_and_no_faster_than_the_buckets_can_refill() {
        assertDoesNotThrow(() -> new Limits(Limits.MAX_PER_MINUTE, Limits.MAX_PER_MINUTE, Limits.MAX_PER_DAY));
        assertThrows(DomainRuleViolation.class, () -> new Limits(0L, null, null));
        assertThrows(DomainRuleViolation.class, () -> new Limits(null, -5L, null));
        assertThrows(DomainRuleViolation.class, () -> new Limits(null, 100_000_000_000L, null));
        assertThrows(DomainRuleViolation.class, () -> new Limits(null, null, Limits.MAX_PER_DAY + 1));
    }
}
