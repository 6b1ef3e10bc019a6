package dev.moat.wiring;

import dev.moat.usage.UsageEvent;
import dev.moat.usage.UsageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Stores usage events, then fails: the events must go with the transaction. */
@ApplicationScoped
@Transactional
public class FailingUsageStore {

    @Inject
    UsageService usage;

    public void storeThenFail(List<UsageEvent> events) {
        usage.store(events);
        throw new IllegalStateException("failed after storing the events");
    }
}
