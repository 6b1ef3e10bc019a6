package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

/** A key created in the console works at the gateway at once; operators declare a key the tenant's own workload. */
@ExtendWith(Browser.class)
@ExtendWith(MoatStack.class)
class ConsoleKeysIT {

    private WebDriver driver;
    private StubUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream();
        driver = Browser.start();
    }

    @AfterEach
    void stop() {
        driver.quit();
        upstream.close();
    }

    @Test
    void a_key_created_in_the_console_calls_the_model_through_the_gateway() throws Exception {
        String tenant = "console-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", Keycloak.userToken("alice"), Json.createObjectBuilder()
                .add("id", tenant).add("name", "Console test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        driver.get(MoatStack.MOAT.toString());
        new KeycloakSignInPage(driver).signIn("alice", "alice-pw");

        String key = TenantsPage.open(driver).selectTenant(tenant).createKey("console key");

        assertTrue(key.startsWith("moat_"), key);
        assertTrue(new TenantsPage(driver).showsCell(key.substring(5, 17)));
        Browser.screenshot(driver, "tenants-and-keys");
        HttpResponse<String> answer = Gateway.chatFrom("192.0.2.10", key);
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void a_security_operator_declares_a_key_the_tenant_s_own_workload_in_the_console() {
        String alice = Keycloak.userToken("alice");
        String tenant = "evals-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Evaluation test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        String keyId = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice, Json.createObjectBuilder()
                .add("name", "evaluation harness").build())).getJsonObject("details").getString("id");
        driver.get(MoatStack.MOAT.toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");

        TenantsPage page = TenantsPage.open(driver).selectTenant(tenant);
        page.declareOwnWorkload("nightly evaluation");

        assertTrue(page.showsCell("own workload: nightly evaluation"));
        Browser.screenshot(driver, "own-workload");
        assertEquals("nightly evaluation", Api.json(Api.get("/api/v1/keys/" + keyId, alice)).getString("ownWorkload"));
    }
}
