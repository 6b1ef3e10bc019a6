package dev.moat.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When to try a failed delivery again: quickly at first, then backing off, for a little over 24 hours in all
 * (the Standard Webhooks recommendation), then give up.
 */
public final class RetrySchedule {

    /** The schedule the Standard Webhooks specification suggests: 27.6 hours in all. */
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private RetrySchedule() {
    }

    /** The wait before the next attempt after this many failed ones; empty when it is time to give up. */
    public static Optional<Duration> after(int failedAttempts) {
        return failedAttempts >= 1 && failedAttempts <= DELAYS.size() ? Optional.of(DELAYS.get(failedAttempts - 1))
                : Optional.empty();
    }

    /** The whole time a delivery is tried for. */
    public static Duration span() {
        return DELAYS.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
