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

/** A key created in the console works at the gateway at once. */
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
        assertTrue(new TenantsPage(driver).showsKey(key.substring(5, 17)));
        Browser.screenshot(driver, "tenants-and-keys");
        HttpResponse<String> answer = Gateway.chatFrom("192.0.2.10", key);
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
