package dev.moat.usage;

import dev.moat.domain.TimeOrderedIds;
import dev.moat.platform.HandOff;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes usage events from the gateway without making it wait: the request path only puts the event in a
 * queue; a background task writes the queue to the database in batches. When the database does not answer,
 * batches go to the spool file and are replayed later, so no event is lost.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class.getName());
    private static final int QUEUE_CAPACITY = 100_000;
    private static final int BATCH_SIZE = 1_000;
    private static final long FLUSH_INTERVAL_MILLIS = 250;

    private final HandOff<UsageEvent> queue = new HandOff<>(QUEUE_CAPACITY);
    private final UsageService usage;
    private final UsageSpool spool;
    private ScheduledFuture<?> flushing;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected UsageRecorder() {
        this.usage = null;
        this.spool = null;
    }

    @Inject
    public UsageRecorder(UsageService usage, @ConfigProperty(name = "moat.data.dir") String dataDir) {
        this.usage = usage;
        this.spool = new UsageSpool(Path.of(dataDir, "usage-spool"));
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        flushing = scheduler.scheduleWithFixedDelay(this::flushSafely, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A periodic task that throws is never run again: whatever happens, the next flush must come. */
    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Usage events could be written neither to the database nor to the spool; "
                    + queue.size() + " wait in memory", e);
        }
    }

    /** Called on the request path: never waits on the database. */
    public void record(UsageEvent.Facts facts) {
        UsageEvent event = new UsageEvent(TimeOrderedIds.next(), facts);
        if (!queue.offer(event)) {
            // The writer is far behind: keep the event on disk rather than drop it.
            spillToSpool(List.of(event));
        }
    }

    /** Writes what is queued, then replays the spool while the database answers. */
    void flush() {
        List<UsageEvent> batch = new ArrayList<>(BATCH_SIZE);
        while (queue.drainTo(batch, BATCH_SIZE) > 0) {
            try {
                usage.store(batch);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Database did not take " + batch.size() + " usage events; spooling them", e);
                try {
                    spillToSpool(batch);
                } catch (UncheckedIOException diskFailed) {
                    long kept = batch.stream().filter(queue::offer).count();
                    LOG.log(Level.SEVERE, "Spool unwritable too: kept " + kept + " of " + batch.size()
                            + " usage events in memory for the next attempt", diskFailed);
                }
                return;
            }
            batch.clear();
        }
        replaySpool();
    }

    private void replaySpool() {
        try {
            for (Path file : spool.files()) {
                List<UsageEvent> events = spool.read(file);
                usage.storeOnce(events);
                spool.delete(file);
                LOG.info(() -> "Replayed " + events.size() + " spooled usage events from " + file.getFileName());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Spool not replayed yet", e);
        }
    }

    private void spillToSpool(List<UsageEvent> events) {
        try {
            spool.append(events);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write usage events to the spool either", e);
        }
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        List<UsageEvent> rest = new ArrayList<>();
        queue.drainTo(rest, Integer.MAX_VALUE);
        if (!rest.isEmpty()) {
            try {
                usage.store(rest);
            } catch (RuntimeException e) {
                spillToSpool(rest);
            }
        }
    }
}
