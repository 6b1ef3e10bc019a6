package dev.moat.detection;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last requests the gateway inspected, for the test bench's "run the rules over a key's recent traffic": up
 * to {@value #PER_KEY} per key, {@value #CAPACITY} in all (the least recently active keys are forgotten first).
 * Texts are cut to {@value #MAX_CHARS} characters. Held in memory only, so the windows start empty when Moat starts.
 *
 * <p>Kept per key rather than in one ring of the whole traffic: a busy key's requests then leave within a
 * fraction of a second, before a young collection could find them alive and copy them (one shared ring kept every
 * request for seconds, and copying it took most of each young-collection pause under load).
 */
final class RecentRequests {

    static final int PER_KEY = 500;
    static final int CAPACITY = 10_000;
    static final int MAX_CHARS = 8_192;

    /** In access order: the least recently active key first. */
    private final Map<String, Deque<Observation>> byKey = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    synchronized void add(Observation seen) {
        Deque<Observation> window = byKey.computeIfAbsent(seen.keyId(), key -> new ArrayDeque<>());
        window.addLast(seen.request().text().length() <= MAX_CHARS ? seen : seen.truncated(MAX_CHARS));
        size++;
        if (window.size() > PER_KEY) {
            window.removeFirst();
            size--;
        }
        if (size > CAPACITY) {
            forgetLeastRecentKeys();
        }
    }

    private void forgetLeastRecentKeys() {
        Iterator<Deque<Observation>> leastRecent = byKey.values().iterator();
        while (size > CAPACITY) {
            size -= leastRecent.next().size();
            leastRecent.remove();
        }
    }

    /** The key's last {@code limit} requests, oldest first. */
    synchronized List<Observation> ofKey(String keyId, int limit) {
        List<Observation> window = List.copyOf(byKey.getOrDefault(keyId, new ArrayDeque<>()));
        return window.subList(Math.max(0, window.size() - limit), window.size());
    }
}
