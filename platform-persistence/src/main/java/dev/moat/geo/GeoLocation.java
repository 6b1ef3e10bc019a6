package dev.moat.geo;

/**
 * Where an address is, as far as the GeoIP databases know: country (ISO 3166 alpha-2), coordinates with
 * their accuracy, autonomous system, and whether the network anonymises (VPN, proxy, Tor) or hosts servers.
 * Unknown parts are {@code null} or {@code false}.
 */
public record GeoLocation(String country, String countryName, String city, Double latitude, Double longitude,
                          Integer accuracyRadiusKm, Long asn, String asnOrganization, boolean anonymous,
                          boolean hostingProvider) {

    public static final GeoLocation UNKNOWN = new GeoLocation(null, null, null, null, null, null, null, null, false, false);

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
