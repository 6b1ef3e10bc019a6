package dev.moat.ui.usage;

import java.time.Duration;

/** The time ranges the usage page offers, each with a bucket size that gives a readable number of bars. */
enum UsageRange {
    LAST_HOUR("Last hour", Duration.ofHours(1), Duration.ofMinutes(1)),
    LAST_DAY("Last 24 hours", Duration.ofDays(1), Duration.ofMinutes(30)),
    LAST_WEEK("Last 7 days", Duration.ofDays(7), Duration.ofHours(4)),
    LAST_MONTH("Last 30 days", Duration.ofDays(30), Duration.ofDays(1));

    final String label;
    final Duration length;
    final Duration step;

    UsageRange(String label, Duration length, Duration step) {
        this.label = label;
        this.length = length;
        this.step = step;
    }
}
