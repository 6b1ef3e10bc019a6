package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Geo-fencing at the gateway with MaxMind's test databases. The tests come through loopback, a trusted proxy,
 * so X-Forwarded-For sets the client address: 81.2.69.160 is London (an anonymous network in the test data),
 * 2001:218::1 is Tokyo, 1.0.0.1 has no location but AS 15169.
 */
@ExtendWith(MoatStack.class)
class GeoFenceIT {

    private static final String LONDON = "81.2.69.160";
    private static final String TOKYO = "2001:218::1";
    private static StubUpstream upstream;
    private static String alice;

    @BeforeAll
    static void stub() throws Exception {
        upstream = new StubUpstream();
        alice = Keycloak.userToken("alice");
    }

    @AfterAll
    static void stopStub() {
        upstream.close();
    }

    @BeforeEach
    void geoData() {
        GeoTestData.require();
    }

    private static String tenantWithPolicy(JsonObject policy) {
        String tenant = "geo-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Geo test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        HttpResponse<String> set = Api.put("/api/v1/tenants/" + tenant + "/geo-policy", alice, policy);
        assertEquals(200, set.statusCode(), set.body());
        return Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "geo").build())).getString("key");
    }

    private static void assertGeoDenied(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        JsonObject error = Api.json(response).getJsonObject("error");
        assertEquals("geo_denied", error.getString("code"));
        assertEquals("Access from your location is not allowed.", error.getString("message"),
                "a denial names no policy detail");
    }

    @Test
    void a_denied_network_is_refused_wherever_it_is() {
        String key = tenantWithPolicy(Json.createObjectBuilder()
                .add("deniedNetworks", Json.createArrayBuilder().add("81.2.69.0/24")).build());

        assertGeoDenied(Gateway.chatFrom(LONDON, key));
        assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
    }

    @Test
    void a_country_deny_list_refuses_that_country_only() {
        String key = tenantWithPolicy(Json.createObjectBuilder().add("countryMode", "DENY_LISTED")
                .add("countries", Json.createArrayBuilder().add("GB")).build());

        assertGeoDenied(Gateway.chatFrom(LONDON, key));
        assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
    }

    @Test
    void an_allow_list_and_unknown_locations() {
        String key = tenantWithPolicy(Json.createObjectBuilder().add("countryMode", "ALLOW_LISTED")
                .add("countries", Json.createArrayBuilder().add("JP")).add("denyUnknownLocation", true).build());

        assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
        assertGeoDenied(Gateway.chatFrom(LONDON, key));
        assertGeoDenied(Gateway.chatFrom("1.0.0.1", key));
    }

    @Test
    void anonymous_networks_and_denied_asns_are_refused() {
        String noAnonymous = tenantWithPolicy(Json.createObjectBuilder().add("denyAnonymous", true).build());
        String noGoogle = tenantWithPolicy(Json.createObjectBuilder()
                .add("deniedAsns", Json.createArrayBuilder().add(15169)).build());

        assertGeoDenied(Gateway.chatFrom(LONDON, noAnonymous));
        assertGeoDenied(Gateway.chatFrom("1.0.0.1", noGoogle));
        assertEquals(200, Gateway.chatFrom(LONDON, noGoogle).statusCode());
    }

    @Test
    void impossible_travel_is_blocked_when_the_tenant_says_so() {
        String key = tenantWithPolicy(Json.createObjectBuilder().add("impossibleTravelKmh", 1000)
                .add("blockImpossibleTravel", true).build());

        assertEquals(200, Gateway.chatFrom(LONDON, key).statusCode());
        assertGeoDenied(Gateway.chatFrom(TOKYO, key));
    }

    @Test
    void operators_look_addresses_up() {
        JsonObject lookup = Api.json(Api.get("/api/v1/geoip/" + LONDON, Keycloak.userToken("bob")));

        assertEquals("GB", lookup.getJsonObject("location").getString("country"));
        assertTrue(lookup.getJsonObject("location").getBoolean("anonymous"));
        assertTrue(lookup.getJsonObject("databases").getString("city").startsWith("GeoIP2-City"), lookup.toString());
        assertEquals(400, Api.get("/api/v1/geoip/not-an-ip", Keycloak.userToken("bob")).statusCode());
        assertEquals(403, Api.get("/api/v1/geoip/" + LONDON, Keycloak.userToken("dave")).statusCode());
    }
}
