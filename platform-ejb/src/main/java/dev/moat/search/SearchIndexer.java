package dev.moat.search;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the case index under {@code $MOAT_DATA_DIR/search/cases}, catches it up with the database every second
 * (visibility) and commits it every 30 seconds (durability). After a start, the first catch-up goes through
 * every case, so an index that was lost or is behind is made whole again from the database.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class.getName());
    private static final long COMMIT_EVERY_TICKS = 30;

    private final CaseSearchService search;
    private final AtomicLong ticks = new AtomicLong();
    private ScheduledFuture<?> catchingUp;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected SearchIndexer() {
        this.search = null;
    }

    @Inject
    public SearchIndexer(CaseSearchService search) {
        this.search = search;
    }

    @Produces
    @Singleton
    static CaseIndex caseIndex(@ConfigProperty(name = "moat.data.dir") String dataDir) {
        Path folder = Path.of(dataDir, "search", "cases");
        try {
            return new CaseIndex(FSDirectory.open(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the case index in " + folder, e);
        }
    }

    static void close(@Disposes CaseIndex index) throws IOException {
        index.commit();
        index.close();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        catchingUp = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** A periodic task that throws is never run again: whatever happens, the next tick must come. */
    private void tick() {
        try {
            int indexed = search.catchUp();
            if (indexed > 100) {
                LOG.info(() -> indexed + " cases indexed for search");
            }
            if (ticks.incrementAndGet() % COMMIT_EVERY_TICKS == 0) {
                search.commitIndex();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The search index could not catch up; trying again in a second", e);
        }
    }

    @PreDestroy
    void stop() {
        if (catchingUp != null) {
            catchingUp.cancel(false);
        }
    }
}
