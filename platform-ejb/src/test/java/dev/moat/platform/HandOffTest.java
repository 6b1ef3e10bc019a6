package dev.moat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandOffTest {

    @Test
    void refuses_beyond_its_capacity_and_gives_items_back_oldest_first() {
        HandOff<Integer> handOff = new HandOff<>(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(handOff.offer(i));
        }
        assertFalse(handOff.offer(3), "full");
        List<Integer> taken = new ArrayList<>();
        assertEquals(2, handOff.drainTo(taken, 2));
        assertEquals(List.of(0, 1), taken);
        assertTrue(handOff.offer(4), "room again");
        assertEquals(2, handOff.drainTo(taken, Integer.MAX_VALUE));
        assertEquals(List.of(0, 1, 2, 4), taken);
        assertEquals(0, handOff.size());
    }

    @Test
    void many_threads_offering_at_once_never_overfill_it_nor_lose_an_accepted_item() throws Exception {
        HandOff<Integer> handOff = new HandOff<>(5_000);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1_000; i++) {
                        if (handOff.offer(thread * 1_000 + i)) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertEquals(5_000, accepted.get(), "exactly the capacity of 8,000 offers");
        List<Integer> taken = new ArrayList<>();
        handOff.drainTo(taken, Integer.MAX_VALUE);
        assertEquals(5_000, new HashSet<>(taken).size());
    }
}
