package dev.moat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only data beside the project (../shared, or -Dmoat.shared): MaxMind's test databases and the public
 * datasets, read by path; absent, a test is skipped with a message, or failed under CI.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    public static Path geoip(String file) {
        return required(shared("geoip-test-data", file));
    }

    public static Path dataset(String file) {
        return required(shared("datasets", file));
    }

    /** A path in the shared data, whether or not it is there. */
    public static Path shared(String... parts) {
        return Path.of(System.getProperty("moat.shared", "../../shared"), parts);
    }

    /** The path; absent, the calling test is skipped (or failed under CI). */
    public static Path required(Path path) {
        if (!Files.exists(path)) {
            String message = "Shared test data missing: " + path.toAbsolutePath();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI must run these tests)");
            }
            assumeTrue(false, "Skipped: " + message);
        }
        return path;
    }
}
