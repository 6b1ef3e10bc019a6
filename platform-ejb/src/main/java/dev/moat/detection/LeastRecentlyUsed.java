package dev.moat.detection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A map that forgets its least recently used entry beyond a size, telling whom it may concern. Not thread-safe. */
final class LeastRecentlyUsed<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;
    private final BiConsumer<K, V> forgotten;

    LeastRecentlyUsed(int capacity) {
        this(capacity, (key, value) -> { });
    }

    LeastRecentlyUsed(int capacity, BiConsumer<K, V> forgotten) {
        super(1024, 0.75f, true);
        this.capacity = capacity;
        this.forgotten = forgotten;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= capacity) {
            return false;
        }
        forgotten.accept(eldest.getKey(), eldest.getValue());
        return true;
    }
}
