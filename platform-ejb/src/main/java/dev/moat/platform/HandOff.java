package dev.moat.platform;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands items from the gateway's request threads to one background task without a lock (a blocking queue's lock
 * would make requests wait on each other and on the task draining it): {@link #offer} never waits and refuses
 * when full; {@link #drainTo} takes what is there, oldest first.
 */
public final class HandOff<T> {

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    /** Counted apart from the queue, whose own size is a walk of all its nodes. */
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    public HandOff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a hand-off holds at least one item, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues the item, or answers false when {@code capacity} items wait already. */
    public boolean offer(T item) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(item);
        return true;
    }

    /** Moves up to {@code max} items, oldest first, into {@code into}; answers how many. */
    public int drainTo(Collection<? super T> into, int max) {
        int taken = 0;
        T item;
        while (taken < max && (item = queue.poll()) != null) {
            size.decrementAndGet();
            into.add(item);
            taken++;
        }
        return taken;
    }

    /** Items waiting (those being offered right now may or may not be counted). */
    public int size() {
        return size.get();
    }
}
