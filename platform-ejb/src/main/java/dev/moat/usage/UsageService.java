package dev.moat.usage;

import dev.moat.usage.UsageRepository.UsageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stores usage events in batches and reads them back; each public method is one transaction. */
@ApplicationScoped
@Transactional
public class UsageService {

    private final UsageRepository events;

    /** For CDI's client proxy only. */
    protected UsageService() {
        this(null);
    }

    @Inject
    public UsageService(UsageRepository events) {
        this.events = events;
    }

    public void store(List<UsageEvent> batch) {
        events.addAll(batch);
    }

    /** Stores events that may have been stored before (a spool replayed after a crash): each only once. */
    public void storeOnce(List<UsageEvent> batch) {
        Set<String> stored = events.existing(batch.stream().map(UsageEvent::id).toList());
        events.addAll(batch.stream().filter(event -> !stored.contains(event.id())).toList());
    }

    /** When and from where a key was last used: read from its usage events, so the gateway writes nothing more. */
    public record LastUse(Instant at, String clientAddress, String country) {
    }

    public Map<String, LastUse> lastUses(Collection<String> keyIds) {
        Map<String, LastUse> uses = new HashMap<>();
        for (String keyId : keyIds) {
            events.lastOf(keyId).map(UsageEvent::facts).ifPresent(facts ->
                    uses.put(keyId, new LastUse(facts.occurredAt(), facts.clientAddress(), facts.country())));
        }
        return uses;
    }

    /** Requests and tokens of a tenant, or of one of its keys when {@code keyId} is given, per step in [from, to). */
    public UsageTimeline timeline(String tenantId, String keyId, Instant from, Instant to, Duration step) {
        if (step.toSeconds() < 1 || !from.isBefore(to)) {
            throw new IllegalArgumentException("a timeline needs from < to and a step of at least a second");
        }
        return UsageTimeline.filled(from, to, step, events.timeline(tenantId, keyId, from, to, step.toSeconds()));
    }

    public List<UsageEvent> find(UsageQuery query) {
        return events.find(query);
    }
}
