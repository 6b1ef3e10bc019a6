package dev.moat.e2e;

import dev.moat.SharedTestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** MaxMind's test databases from ../shared/geoip-test-data, given to the Moat under test by path. */
final class GeoTestData {

    private static final Path FOLDER = SharedTestData.shared("geoip-test-data");

    private GeoTestData() {
    }

    static void configure(Map<String, String> environment) {
        if (Files.isDirectory(FOLDER)) {
            environment.put("MOAT_GEOIP_CITY_DB", FOLDER.resolve("GeoIP2-City-Test.mmdb").toAbsolutePath().toString());
            environment.put("MOAT_GEOIP_ASN_DB", FOLDER.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath().toString());
            environment.put("MOAT_GEOIP_ANONYMOUS_IP_DB",
                    FOLDER.resolve("GeoIP2-Anonymous-IP-Test.mmdb").toAbsolutePath().toString());
        }
    }

    /** Skips a test without the data, or fails it under CI. */
    static void require() {
        SharedTestData.required(FOLDER);
    }
}
