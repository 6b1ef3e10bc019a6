package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** What an operator sets and sees in the console about a tenant's traffic holds at the gateway. */
@ExtendWith(Browser.class)
@ExtendWith(MoatStack.class)
class ConsoleTrafficIT {

    private static final String LONDON = "81.2.69.160";
    private static final String TOKYO = "2001:218::1";

    private WebDriver driver;
    private StubUpstream upstream;
    private ConsoleControls console;
    private String alice;
    private String tenant;
    private String key;

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream();
        alice = Keycloak.userToken("alice");
        tenant = "traffic-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Traffic test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        key = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "traffic").build())).getString("key");
        driver = Browser.start();
        driver.get(MoatStack.MOAT.toString());
        new KeycloakSignInPage(driver).signIn("alice", "alice-pw");
        console = new ConsoleControls(driver);
    }

    @AfterEach
    void stop() {
        driver.quit();
        upstream.close();
    }

    @Test
    void the_usage_page_charts_the_tenants_requests_and_lists_them() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
        }

        driver.get(MoatStack.MOAT.resolve("/usage").toString());
        console.choose("usage-tenant", tenant);

        // Usage events reach the database in batches, off the request path: refresh until all three are there.
        String totals = "";
        for (int attempt = 0; attempt < 20 && !totals.startsWith("3\nRequests"); attempt++) {
            console.click("usage-refresh");
            totals = console.textOnceItShows("usage-totals", "3\nRequests");
        }
        assertTrue(totals.startsWith("3\nRequests\n0\nRefused"), totals);
        assertFalse(driver.findElements(By.cssSelector("#usage-chart svg")).isEmpty(), "the chart is drawn");
        String keyId = key.substring(5, 17);
        assertEquals(3, driver.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .filter(cell -> keyId.equals(cell.getText().strip())).count(), "one row per request");
        Browser.screenshot(driver, "usage");
    }

    @Test
    void tenant_limits_set_in_the_console_hold_at_the_gateway() {
        TenantsPage.open(driver).selectTenant(tenant);
        console.click("edit-tenant-limits");
        console.type("limit-requests-per-minute", "1");
        console.click("save-limits");

        assertTrue(console.textOnceItShows("tenant-limits", "1 requests/min").contains("1 requests/min"));
        assertEquals(1, Api.json(Api.get("/api/v1/tenants/" + tenant + "/limits", alice)).getInt("requestsPerMinute"));
        assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
        assertEquals(429, Gateway.chatFrom(TOKYO, key).statusCode());
    }

    @Test
    void a_geo_policy_saved_in_the_console_fences_the_gateway() {
        GeoTestData.require();
        driver.get(MoatStack.MOAT.resolve("/geo-policies").toString());
        console.choose("geo-tenant", tenant);
        console.pick("geo-country-mode", "All but the listed countries");
        console.choose("geo-countries", "United Kingdom");
        console.click("geo-save");
        console.type("geo-try-address", LONDON);
        console.click("geo-try");

        String verdict = console.textOnceItShows("geo-try-verdict", "denied");
        assertTrue(verdict.startsWith("United Kingdom (GB)") && verdict.endsWith("denied (country)"), verdict);
        Browser.screenshot(driver, "geo-policy");
        JsonObject stored = Api.json(Api.get("/api/v1/tenants/" + tenant + "/geo-policy", alice));
        assertEquals("DENY_LISTED", stored.getString("countryMode"));
        assertEquals(Json.createArrayBuilder().add("GB").build(), stored.getJsonArray("countries"));
        assertEquals(403, Gateway.chatFrom(LONDON, key).statusCode());
        assertEquals(200, Gateway.chatFrom(TOKYO, key).statusCode());
    }
}
