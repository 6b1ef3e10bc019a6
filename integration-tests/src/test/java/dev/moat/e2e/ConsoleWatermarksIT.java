package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The console's Watermarks page: an administrator turns watermarking on for a tenant, a marked answer comes
 * through the gateway, and dropped into the verify tool as a file it is attributed to the tenant and its key;
 * then the key is exempted and its answers come through unmarked.
 */
@ExtendWith(Browser.class)
@ExtendWith(MoatStack.class)
class ConsoleWatermarksIT {

    private WebDriver driver;
    private ConsoleControls console;
    private StubUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        driver = Browser.start();
        console = new ConsoleControls(driver);
        upstream = new StubUpstream();
    }

    @AfterEach
    void stop() {
        driver.quit();
        upstream.close();
    }

    @Test
    void alice_turns_watermarking_on_and_the_verify_tool_names_the_key_behind_an_answer() throws Exception {
        String alice = Keycloak.userToken("alice");
        String tenant = "console-mark-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Console marked").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "console").build()));
        String keyId = issued.getJsonObject("details").getString("id");

        driver.get(MoatStack.MOAT.resolve("/watermarks").toString());
        new KeycloakSignInPage(driver).signIn("alice", "alice-pw");
        console.choose("watermark-tenant", tenant);
        console.click("watermark-lexical");
        console.click("watermark-invisible");
        console.click("watermark-save");
        assertTrue(console.textOnceItShows("watermark-secret-versions", "version 1").contains("Secrets are never shown"));

        String marked = prose(issued.getString("key"));
        Path file = Files.createTempFile("suspect-", ".txt");
        Files.writeString(file, marked);

        var upload = console.shown("watermark-upload");
        var fileInput = (org.openqa.selenium.WebElement) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].querySelector('input[type=file]') || arguments[0].shadowRoot.querySelector('input[type=file]')",
                upload);
        fileInput.sendKeys(file.toString());
        assertTrue(console.textOnceItShows("watermark-uploaded", "1 text").startsWith("1 text(s) from files"));
        scrollTo("watermark-verify");
        console.click("watermark-verify");

        assertEquals("Watermarked", console.textOnceItShows("watermark-verdict", "Watermarked"));
        String explanation = console.shown("watermark-explanation").getText();
        assertTrue(explanation.contains("tenant " + tenant) && explanation.contains("key " + keyId), explanation);
        assertTrue(driver.findElement(By.id("watermark-candidates")).getText().contains(tenant));
        Browser.screenshot(driver, "watermark-verified");
        Files.delete(file);

        // the key's override: no watermarks for this key, whatever the tenant's settings
        scrollTo("override-" + keyId);
        console.pickInSelect("override-" + keyId, "off");
        scrollTo("watermark-save");
        console.click("watermark-save");
        console.textOnceItShows("watermark-secret-versions", "version 1");
        String unmarked = "";
        for (int attempt = 0; attempt < 20 && !unmarked.equals(StubUpstream.PROSE); attempt++) {
            Thread.sleep(250); // the save commits, then the key's copy in the gateway is dropped
            unmarked = prose(issued.getString("key"));
        }
        assertEquals(StubUpstream.PROSE, unmarked, "the key's override turns watermarking off for it");

        // the result as evidence on a case
        HttpResponse<String> opened = Api.post("/api/v1/incidents", alice, Json.createObjectBuilder()
                .add("title", "Suspect model answers like ours").add("severity", "high").add("tenant", tenant).build());
        assertEquals(201, opened.statusCode(), opened.body());
        String caseId = Api.json(opened).getString("id");
        scrollTo("watermark-case");
        console.type("watermark-case", caseId);
        console.click("watermark-attach");
        jakarta.json.JsonArray attached = Json.createArrayBuilder().build();
        for (int attempt = 0; attempt < 40 && attached.isEmpty(); attempt++) {
            Thread.sleep(250); // the click reaches the server after it returns
            attached = Api.json(Api.get("/api/v1/incidents/" + caseId, alice)).getJsonArray("evidence");
        }
        JsonObject evidence = attached.getJsonObject(0);
        assertEquals("watermark_verification", evidence.getString("kind"), evidence.toString());
        assertTrue(evidence.getString("detail").contains(tenant + " v1"), evidence.toString());
    }

    /**
     * Scrolls the console's content to a field: the page is long, and Selenium counts a field scrolled out of the
     * content area as not displayed (and a notification at the window's bottom may cover one).
     */
    private void scrollTo(String id) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
    }

    private static String prose(String key) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        MoatStack.MOAT.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", "prose-model")
                        .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                                .add("content", "Tell me about the school."))).build().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.json(answer).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }
}
