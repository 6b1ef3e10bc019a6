package dev.moat.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One MaxMind database file, reloaded when the file changes (as {@code geoipupdate} replaces it). A file that
 * cannot be read is reported clearly and the database in use stays in use.
 */
final class GeoIpDatabase {

    private static final Logger LOG = Logger.getLogger(GeoIpDatabase.class.getName());

    private final Path file;
    private volatile Reader reader;
    private FileTime loadedVersion;
    private String problem;

    GeoIpDatabase(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    /** The reader in use, or {@code null} while no version of the file could be read. */
    Reader reader() {
        return reader;
    }

    /** Why the current file is not in use, or {@code null}. */
    synchronized String problem() {
        return problem;
    }

    synchronized void reloadIfChanged() {
        FileTime version;
        try {
            version = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            report("GeoIP database " + file + " is missing or unreadable: " + e.getMessage(), null);
            return;
        }
        if (version.equals(loadedVersion)) {
            return;
        }
        try {
            Reader fresh = new Reader(file.toFile(), new CHMCache());
            fresh.getMetadata().databaseType();
            // The replaced reader is left to the garbage collector: requests may still be reading it.
            reader = fresh;
            loadedVersion = version;
            problem = null;
            LOG.info(() -> "GeoIP database " + file + " loaded: " + fresh.getMetadata().databaseType() + " of "
                    + fresh.getMetadata().buildTime());
        } catch (IOException | RuntimeException e) {
            loadedVersion = version;
            report("GeoIP database " + file + " is corrupt or not a MaxMind database (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")"
                    + (reader == null ? "; geo-fencing has no data from it" : "; the previous version stays in use"), e);
        }
    }

    private void report(String message, Exception cause) {
        if (!message.equals(problem)) {
            LOG.log(Level.SEVERE, message, cause);
        }
        problem = message;
    }

    Path file() {
        return file;
    }
}
