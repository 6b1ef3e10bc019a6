package dev.moat.geo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** MaxMind's test databases in ../shared/geoip-test-data, read by path; absent: skipped, or failed under CI. */
final class SharedTestData {

    private SharedTestData() {
    }

    static Path geoip(String file) {
        Path path = Path.of(System.getProperty("moat.shared", "../../shared"), "geoip-test-data", file);
        if (!Files.exists(path)) {
            String message = "GeoIP test data missing: " + path.toAbsolutePath();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI must run these tests)");
            }
            assumeTrue(false, "Skipped: " + message);
        }
        return path;
    }
}
