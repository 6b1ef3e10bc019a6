package dev.moat.web.geo;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import dev.moat.geo.GeoIpService;
import dev.moat.geo.GeoLocation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the GeoIP databases say about an address, for operators investigating traffic. */
@Path("/v1/geoip")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GeoIpResource {

    private final GeoIpService geoIp;

    /** For CDI's client proxy only. */
    protected GeoIpResource() {
        this(null);
    }

    @Inject
    public GeoIpResource(GeoIpService geoIp) {
        this.geoIp = geoIp;
    }

    public record Lookup(String ip, GeoLocation location, Map<String, String> databases) {
    }

    @GET
    @Path("/{ip}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "Look up an IP address", description = "Country, city, coordinates, autonomous system and "
            + "anonymity as the configured MaxMind databases know them, and which databases are in use.")
    public Lookup lookup(@PathParam("ip") String ip) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not an IP address: '" + ip + "'");
        }
        return new Lookup(address.getHostAddress(), geoIp.lookup(address), geoIp.status());
    }
}
