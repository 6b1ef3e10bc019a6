package dev.moat.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The last requests the gateway inspected, for the test bench's "run the rules over a key's recent traffic".
 * Bounded in count and in size: texts are cut to {@value #MAX_CHARS} characters. Held in memory only, so the
 * window starts empty when Moat starts.
 */
final class RecentRequests {

    static final int CAPACITY = 10_000;
    static final int MAX_CHARS = 8_192;

    private final Observation[] ring = new Observation[CAPACITY];
    private int next;

    synchronized void add(Observation seen) {
        ring[next] = seen.request().text().length() <= MAX_CHARS ? seen : seen.truncated(MAX_CHARS);
        next = (next + 1) % CAPACITY;
    }

    /** The key's last {@code limit} requests, oldest first. */
    synchronized List<Observation> ofKey(String keyId, int limit) {
        List<Observation> found = new ArrayList<>();
        for (int i = 1; i <= CAPACITY && found.size() < limit; i++) {
            Observation seen = ring[(next - i + CAPACITY) % CAPACITY];
            if (seen == null) {
                break;
            }
            if (seen.keyId().equals(keyId)) {
                found.add(seen);
            }
        }
        return found.reversed();
    }
}
