package dev.moat.watermarking;

import dev.moat.domain.TimeOrderedIds;
import dev.moat.platform.HandOff;
import dev.moat.watermark.Watermarker;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the fingerprints of watermarked answers off the request path: the gateway queues them, a background
 * task stores them in batches. Unlike usage events they are not spooled: a lost fingerprint only weakens the
 * "known outputs" check, so a full queue or a database outage drops them, counted in the log.
 */
@ApplicationScoped
public class WatermarkLedger {

    private static final Logger LOG = Logger.getLogger(WatermarkLedger.class.getName());
    private static final int QUEUE_CAPACITY = 20_000;
    private static final int BATCH_SIZE = 500;

    private final HandOff<WatermarkRecord> queue = new HandOff<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final WatermarkService watermarks;
    private final Clock clock;
    private ScheduledFuture<?> flushing;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected WatermarkLedger() {
        this.watermarks = null;
        this.clock = null;
    }

    @Inject
    public WatermarkLedger(WatermarkService watermarks, Clock clock) {
        this.watermarks = watermarks;
        this.clock = clock;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        flushing = scheduler.scheduleWithFixedDelay(this::flushSafely, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
    }

    /** Called on the request path when a watermarked answer has ended: never waits. */
    public void record(Watermarking watermarking, Watermarker.Fingerprint fingerprint) {
        WatermarkRecord record = new WatermarkRecord(TimeOrderedIds.next().toString(), clock.instant(),
                watermarking.tenantId(), watermarking.keyId(), watermarking.secretVersion(), fingerprint.sha256(),
                fingerprint.positions(), fingerprint.changed(), fingerprint.positionTags());
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    private void flushSafely() {
        List<WatermarkRecord> batch = new ArrayList<>(BATCH_SIZE);
        try {
            while (queue.drainTo(batch, BATCH_SIZE) > 0) {
                watermarks.store(batch);
                batch.clear();
            }
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            LOG.log(Level.WARNING, "Could not store " + batch.size() + " watermark fingerprints", e);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warning(() -> lost + " watermark fingerprints were dropped (queue full or database down)");
        }
    }
}
