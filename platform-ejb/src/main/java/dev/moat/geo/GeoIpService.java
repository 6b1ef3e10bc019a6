package dev.moat.geo;

import com.maxmind.db.Reader;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks addresses up in the configured MaxMind databases: a City or Country database
 * ({@code MOAT_GEOIP_CITY_DB}) and, optionally, ASN ({@code MOAT_GEOIP_ASN_DB}) and Anonymous-IP
 * ({@code MOAT_GEOIP_ANONYMOUS_IP_DB}) databases. In memory, microseconds per lookup; files that change are
 * picked up within half a minute.
 */
@ApplicationScoped
public class GeoIpService {

    private static final Logger LOG = Logger.getLogger(GeoIpService.class.getName());
    private static final long RELOAD_CHECK_SECONDS = 30;

    private final GeoIpDatabase location;
    private final GeoIpDatabase asn;
    private final GeoIpDatabase anonymous;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected GeoIpService() {
        this.location = null;
        this.asn = null;
        this.anonymous = null;
    }

    @Inject
    public GeoIpService(@ConfigProperty(name = "moat.geoip.city-db") Optional<String> cityDb,
                        @ConfigProperty(name = "moat.geoip.asn-db") Optional<String> asnDb,
                        @ConfigProperty(name = "moat.geoip.anonymous-ip-db") Optional<String> anonymousDb) {
        this.location = open(cityDb);
        this.asn = open(asnDb);
        this.anonymous = open(anonymousDb);
    }

    private static GeoIpDatabase open(Optional<String> path) {
        return path.filter(p -> !p.isBlank()).map(p -> new GeoIpDatabase(Path.of(p))).orElse(null);
    }

    void watchFiles(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        scheduler.scheduleWithFixedDelay(this::reloadChanged, RELOAD_CHECK_SECONDS, RELOAD_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    void reloadChanged() {
        for (GeoIpDatabase database : new GeoIpDatabase[] {location, asn, anonymous}) {
            if (database != null) {
                database.reloadIfChanged();
            }
        }
    }

    public GeoLocation lookup(InetAddress address) {
        Map<?, ?> place = find(location, address);
        Map<?, ?> network = find(asn, address);
        Map<?, ?> anonymity = find(anonymous, address);
        Map<?, ?> country = map(place, "country");
        Map<?, ?> coordinates = map(place, "location");
        Number latitude = number(coordinates, "latitude");
        Number longitude = number(coordinates, "longitude");
        Number accuracy = number(coordinates, "accuracy_radius");
        Number asNumber = number(network, "autonomous_system_number");
        return new GeoLocation(string(country, "iso_code"), string(map(country, "names"), "en"),
                string(map(map(place, "city"), "names"), "en"),
                latitude == null ? null : latitude.doubleValue(), longitude == null ? null : longitude.doubleValue(),
                accuracy == null ? null : accuracy.intValue(), asNumber == null ? null : asNumber.longValue(),
                string(network, "autonomous_system_organization"),
                Boolean.TRUE.equals(anonymity.get("is_anonymous")), Boolean.TRUE.equals(anonymity.get("is_hosting_provider")));
    }

    /** The database's record for the address as nested maps (MaxMind DB's own format), empty when none. */
    private static Map<?, ?> find(GeoIpDatabase database, InetAddress address) {
        Reader reader = database == null ? null : database.reader();
        if (reader == null) {
            return Map.of();
        }
        try {
            Map<?, ?> found = reader.get(address, Map.class);
            return found == null ? Map.of() : found;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "GeoIP lookup failed in " + database.file() + "; treating the address as unknown", e);
            return Map.of();
        }
    }

    private static Map<?, ?> map(Map<?, ?> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> child ? child : Map.of();
    }

    private static String string(Map<?, ?> parent, String key) {
        return parent.get(key) instanceof String value ? value : null;
    }

    private static Number number(Map<?, ?> parent, String key) {
        return parent.get(key) instanceof Number value ? value : null;
    }

    /** Which databases are in use, or why not: for the readiness check and operators. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("city", describe(location));
        status.put("asn", describe(asn));
        status.put("anonymousIp", describe(anonymous));
        return status;
    }

    private static String describe(GeoIpDatabase database) {
        if (database == null) {
            return "not configured";
        }
        if (database.reader() == null) {
            return "unavailable: " + database.problem();
        }
        var metadata = database.reader().getMetadata();
        return metadata.databaseType() + " of " + metadata.buildTime()
                + (database.problem() == null ? "" : " (newer file refused: " + database.problem() + ")");
    }

}
