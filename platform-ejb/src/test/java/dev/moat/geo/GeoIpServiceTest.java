package dev.moat.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.SharedTestData;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeoIpServiceTest {

    private static GeoIpService service(Path city, Path asn, Path anonymous) {
        return new GeoIpService(Optional.ofNullable(city).map(Path::toString), Optional.ofNullable(asn).map(Path::toString),
                Optional.ofNullable(anonymous).map(Path::toString));
    }

    /** The first address of every IPv4 network in the City test data's source JSON, with its expected country. */
    static Stream<String[]> cityNetworks() throws Exception {
        try (Reader json = Files.newBufferedReader(SharedTestData.geoip("GeoIP2-City-Test.json"))) {
            return Json.createReader(json).readArray().stream()
                    .map(JsonValue::asJsonObject)
                    .flatMap(entry -> entry.entrySet().stream())
                    .filter(network -> !network.getKey().contains(":"))
                    .filter(network -> network.getValue().asJsonObject().containsKey("country"))
                    .map(network -> new String[] {network.getKey().substring(0, network.getKey().indexOf('/')),
                            network.getValue().asJsonObject().getJsonObject("country").getString("iso_code")})
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @MethodSource("cityNetworks")
    void every_network_of_the_city_test_database_has_the_country_its_source_says(String address, String country) {
        GeoIpService geo = service(SharedTestData.geoip("GeoIP2-City-Test.mmdb"), null, null);

        assertEquals(country, geo.lookup(InetAddress.ofLiteral(address)).country());
    }

    @Test
    void city_asn_and_anonymity_come_together_in_one_location() {
        GeoIpService geo = service(SharedTestData.geoip("GeoIP2-City-Test.mmdb"),
                SharedTestData.geoip("GeoLite2-ASN-Test.mmdb"), SharedTestData.geoip("GeoIP2-Anonymous-IP-Test.mmdb"));

        GeoLocation london = geo.lookup(InetAddress.ofLiteral("81.2.69.160"));
        assertEquals("GB", london.country());
        assertEquals("London", london.city());
        assertTrue(london.hasCoordinates());
        assertTrue(london.anonymous(), "81.2.69.0/24 is a VPN, proxy and Tor network in the test data");
        assertTrue(london.hostingProvider());

        GeoLocation google = geo.lookup(InetAddress.ofLiteral("1.0.0.1"));
        assertEquals(15169L, google.asn());
        assertFalse(google.anonymous());
    }

    @Test
    void a_country_database_gives_countries_without_coordinates() {
        GeoLocation where = service(SharedTestData.geoip("GeoIP2-Country-Test.mmdb"), null, null)
                .lookup(InetAddress.ofLiteral("81.2.69.160"));

        assertEquals("GB", where.country());
        assertFalse(where.hasCoordinates());
    }

    @Test
    void unknown_addresses_and_missing_databases_give_an_unknown_location() {
        assertEquals(GeoLocation.UNKNOWN, service(SharedTestData.geoip("GeoIP2-City-Test.mmdb"), null, null)
                .lookup(InetAddress.ofLiteral("10.0.0.1")));
        assertEquals(GeoLocation.UNKNOWN, service(null, null, null).lookup(InetAddress.ofLiteral("81.2.69.160")));
    }

    static Stream<Path> badDatabases() throws Exception {
        try (Stream<Path> files = Files.list(SharedTestData.geoip("bad-data"))) {
            return files.filter(f -> f.toString().endsWith(".mmdb")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDatabases")
    void a_corrupt_database_is_reported_and_never_crashes_or_hangs_a_lookup(Path bad) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            GeoIpService geo = service(bad, null, null);
            GeoLocation where = geo.lookup(InetAddress.ofLiteral("1.1.1.1"));
            assertTrue(where.country() == null || where.country().length() == 2);
            String status = geo.status().get("city");
            // Refused with a message that names the file, or opened and answering lookups without failing.
            if (status.startsWith("unavailable")) {
                assertTrue(status.contains(bad.getFileName().toString()) && status.contains("corrupt"), status);
            } else {
                assertTrue(status.contains(" of "), status);
            }
        });
    }

    @Test
    void a_replaced_file_is_picked_up_and_a_corrupt_replacement_keeps_the_previous_one(@TempDir Path folder) throws Exception {
        Path live = folder.resolve("GeoIP2-City.mmdb");
        Files.copy(SharedTestData.geoip("GeoIP2-Country-Test.mmdb"), live);
        GeoIpService geo = service(live, null, null);
        assertFalse(geo.lookup(InetAddress.ofLiteral("81.2.69.160")).hasCoordinates());

        replace(live, SharedTestData.geoip("GeoIP2-City-Test.mmdb"));
        geo.reloadChanged();
        assertTrue(geo.lookup(InetAddress.ofLiteral("81.2.69.160")).hasCoordinates(), "the City database is in use now");

        replace(live, SharedTestData.geoip("bad-data/libmaxminddb-metadata-marker-only.mmdb"));
        geo.reloadChanged();
        assertEquals("GB", geo.lookup(InetAddress.ofLiteral("81.2.69.160")).country(), "the previous database stays");
        assertTrue(geo.status().get("city").contains("newer file refused"), geo.status().get("city"));
    }

    /** As geoipupdate does: a new file moved over the old one, with a newer modification time. */
    private static void replace(Path live, Path with) throws Exception {
        Path next = live.resolveSibling("next.mmdb");
        Files.copy(with, next, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(next, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(live).toMillis() + 2000));
        Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
