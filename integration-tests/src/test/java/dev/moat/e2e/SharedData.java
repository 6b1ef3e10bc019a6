package dev.moat.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only data beside the project (../shared, or -Dmoat.shared), read by path, never copied. */
final class SharedData {

    private SharedData() {
    }

    static Path path(String... parts) {
        return Path.of(System.getProperty("moat.shared", "../../shared"), parts);
    }

    /** Skips a test without the data, or fails it under CI. */
    static Path require(Path path) {
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
