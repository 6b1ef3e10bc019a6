package dev.moat.simulator;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A scenario's keys with what each will send, and how much it has sent. */
record Traffic(Scenario scenario, List<KeyTraffic> keys) {

    record KeyTraffic(MoatAdmin.Key key, Client client, List<Scenario.Step> steps, AtomicInteger count) {

        KeyTraffic(MoatAdmin.Key key, Client client, List<Scenario.Step> steps) {
            this(key, client, steps, new AtomicInteger());
        }

        void sentOne() {
            count.incrementAndGet();
        }

        long sent() {
            return count.get();
        }
    }
}
