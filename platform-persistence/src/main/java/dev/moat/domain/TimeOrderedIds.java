package dev.moat.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for rows written on the gateway's path (usage events, watermark fingerprints): time-ordered (version 7)
 * UUIDs, whose first 48 bits are the time in milliseconds, so each new row lands at the end of the primary-key
 * index instead of on a random page of it. Drawn from ThreadLocalRandom, not from {@link UUID#randomUUID()}'s
 * shared SecureRandom, whose lock every request would queue on: these ids need uniqueness, not
 * unpredictability.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = System.currentTimeMillis() << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
