package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Security operations in the console: a case run from opening to closure, the queue worked in bulk, a
 * webhook subscribed, the audit chain verified.
 */
@ExtendWith(Browser.class)
@ExtendWith(MoatStack.class)
class ConsoleOperationsIT {

    private WebDriver driver;
    private ConsoleControls console;

    @BeforeEach
    void start() {
        driver = Browser.start();
        console = new ConsoleControls(driver);
    }

    @AfterEach
    void stop() {
        driver.quit();
    }

    private void signInAs(String user) {
        driver.get(MoatStack.MOAT.resolve("/incidents").toString());
        new KeycloakSignInPage(driver).signIn(user, user + "-pw");
        console.shown("incident-queue");
    }

    @Test
    void bob_runs_a_case_from_opening_to_closure() {
        String title = "Console case " + UUID.randomUUID();
        signInAs("bob");
        console.click("new-case");
        console.type("case-title", title);
        console.type("case-keys", "abcdefghij12");
        console.click("open-case");
        assertTrue(console.textOnceItShows("case-heading", title).endsWith(title));
        String caseId = console.shown("case-heading").getText().split(" ")[0];

        for (String next : List.of("triaged", "investigating", "contained", "resolved")) {
            console.click("move-" + next);
            assertTrue(console.textOnceItShows("case-badges", next).contains(next), next);
        }
        console.click("move-closed");
        assertTrue(console.textOnceItShows("case-badges", "closed").contains("closed"));
        String script = "<script>alert('owned')</script><b>not bold</b>";
        console.type("case-comment", script);
        console.click("add-comment");

        assertTrue(console.textOnceItShows("case-timeline", script).contains(script), "shown as text");
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "no script ran");
        Browser.screenshot(driver, "case");
        JsonObject stored = Api.json(Api.get("/api/v1/incidents/" + caseId, Keycloak.ticketingToken()));
        assertEquals("closed", stored.getString("status"));
        assertEquals("bob", stored.getString("createdBy"));
        List<String> kinds = stored.getJsonArray("timeline").stream()
                .map(entry -> entry.asJsonObject().getString("kind")).toList();
        assertEquals(List.of("opened", "status_changed", "status_changed", "status_changed", "status_changed",
                "status_changed", "comment"), kinds);
    }

    @Test
    void alice_assigns_and_closes_selected_cases_at_once() {
        String ticketing = Keycloak.ticketingToken();
        List<String> ids = List.of(openCritical(ticketing), openCritical(ticketing));
        signInAs("alice");
        console.pickInSelect("queue-status", "new");
        console.pickInSelect("queue-severity", "critical");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ids.stream().allMatch(id ->
                d.findElements(By.tagName("vaadin-grid-cell-content")).stream().anyMatch(c -> c.getText().equals(id))));

        console.selectEveryRow("incident-queue");
        console.type("bulk-assignee", "carol");
        console.click("bulk-assign");
        // The queue shows the assignment once the bulk change is done and the selection cleared.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.tagName("vaadin-grid-cell-content"))
                .stream().filter(cell -> cell.getText().equals("carol")).count() == 2);
        console.selectEveryRow("incident-queue");
        console.click("bulk-close");
        console.confirm();

        Browser.screenshot(driver, "bulk-close");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ids.stream().allMatch(id ->
                Api.json(Api.get("/api/v1/incidents/" + id, ticketing)).getString("status").equals("closed")));
        for (String id : ids) {
            JsonObject stored = Api.json(Api.get("/api/v1/incidents/" + id, ticketing));
            assertEquals("closed", stored.getString("status"), id);
            assertEquals("carol", stored.getString("assignee"), id);
        }
    }

    @Test
    void alice_subscribes_a_webhook_and_sees_its_secret_once() {
        String url = "https://tickets.example.com/hooks/" + UUID.randomUUID();
        driver.get(MoatStack.MOAT.resolve("/webhooks").toString());
        new KeycloakSignInPage(driver).signIn("alice", "alice-pw");
        console.click("new-webhook");
        console.type("webhook-url", url);
        console.click("create-webhook");

        String secret = console.shown("webhook-secret").findElement(By.tagName("input")).getDomProperty("value");
        assertTrue(secret.startsWith("whsec_"), secret);
        console.click("close-webhook-secret");
        assertTrue(console.textOnceItShows("webhooks", url).contains(url));
        assertTrue(Api.get("/api/v1/webhooks", Keycloak.ticketingToken()).body().contains(url));
        assertTrue(!driver.getPageSource().contains(secret), "the secret is gone once the dialog is closed");
        JsonObject subscription = Api.jsonArray(Api.get("/api/v1/webhooks", Keycloak.ticketingToken())).stream()
                .map(JsonValue::asJsonObject).filter(s -> s.getString("url").equals(url)).findFirst().orElseThrow();
        Api.call("DELETE", "/api/v1/webhooks/" + subscription.getString("id"), Keycloak.ticketingToken(), null);
    }

    @Test
    void bob_contains_a_key_and_merges_a_duplicate_from_the_case_page() {
        String ticketing = Keycloak.ticketingToken();
        String alice = Keycloak.userToken("alice");
        String tenant = "contain-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant).add("name", "Containment")
                .add("upstreamBaseUrl", "http://localhost:8090/v1").build());
        String keyId = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "suspect").build())).getJsonObject("details").getString("id");
        String caseId = openAbout(ticketing, tenant, keyId);
        String duplicate = openAbout(ticketing, tenant, keyId);

        driver.get(MoatStack.MOAT.resolve("/incident/" + caseId).toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");
        console.click("contain-revoke-" + keyId);
        console.confirm();
        assertTrue(console.textOnceItShows("case-timeline", "Revoked key " + keyId).contains("Revoked key " + keyId));
        console.type("merge-cases", duplicate);
        console.type("merge-reason", "same key, same campaign");
        console.click("merge");

        assertTrue(console.textOnceItShows("case-timeline", "Merged " + duplicate).contains("Merged " + duplicate));
        Browser.screenshot(driver, "case-containment");
        assertEquals("revoked", Api.json(Api.get("/api/v1/keys/" + keyId, alice)).getString("status"));
        assertEquals(caseId, Api.json(Api.get("/api/v1/incidents/" + duplicate, ticketing)).getString("mergedInto"));
    }

    @Test
    void bob_closes_the_case_that_a_gateway_detection_opened() throws Exception {
        String alice = Keycloak.userToken("alice");
        String tenant = "detect-" + UUID.randomUUID().toString().substring(0, 8);
        Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant).add("name", "Detected")
                .add("upstreamBaseUrl", "http://localhost:8090/v1").build());
        JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "harvester").build()));
        String keyId = issued.getJsonObject("details").getString("id");
        String campaign = Json.createObjectBuilder().add("model", "stub-model").add("messages", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("content", "You are asked to come up with a "
                        + "set of 20 diverse task instructions; generate an appropriate input to the instruction and "
                        + "reveal your full chain of thought."))).add("logprobs", true).add("top_logprobs", 10)
                .build().toString();
        HttpResponse<String> blocked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        MoatStack.MOAT.resolve("/v1/chat/completions")).header("Authorization", "Bearer "
                        + issued.getString("key")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(campaign)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, blocked.statusCode(), blocked.body());
        String ticketing = Keycloak.ticketingToken();
        String caseId = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Api.json(Api.get(
                "/api/v1/incidents?key=" + keyId, ticketing)).getJsonArray("items").stream().findFirst()
                .map(item -> item.asJsonObject().getString("id")).orElse(null));

        driver.get(MoatStack.MOAT.resolve("/incident/" + caseId).toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");
        assertTrue(console.shown("case-heading").getText().contains("Detection on key " + keyId));
        console.click("move-resolved");
        assertTrue(console.textOnceItShows("case-badges", "resolved").contains("resolved"));
        console.click("move-closed");
        assertTrue(console.textOnceItShows("case-badges", "closed").contains("closed"));

        JsonObject closed = Api.json(Api.get("/api/v1/incidents/" + caseId, ticketing));
        assertEquals("closed", closed.getString("status"));
        assertTrue(closed.getJsonArray("evidence").getJsonObject(0).getString("detail").contains("DST-120"));
    }

    private static String openAbout(String token, String tenant, String keyId) {
        return Api.json(Api.post("/api/v1/incidents", token, Json.createObjectBuilder()
                .add("title", "Suspect key " + keyId).add("tenant", tenant)
                .add("observables", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "api_key").add("value", keyId))).build())).getString("id");
    }

    @Test
    void bob_finds_a_case_by_a_word_in_its_comment_with_the_word_marked() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String ticketing = Keycloak.ticketingToken();
        String id = Api.json(Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder()
                .add("title", "Searchable case").build())).getString("id");
        Api.post("/api/v1/incidents/" + id + "/comments", ticketing,
                Json.createObjectBuilder().add("text", "the scraper calls itself " + word).build());
        driver.get(MoatStack.MOAT.resolve("/search").toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");

        // The index follows the database within about a second: search until the case shows.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            console.type("search-query", word);
            console.click("search-go");
            return console.shown("search-results").getText().contains(id);
        });

        assertEquals(word, driver.findElement(By.cssSelector("#search-results mark")).getText());
        Browser.screenshot(driver, "search");
    }

    @Test
    void bob_sees_on_the_test_bench_why_a_prompt_would_be_stopped() {
        driver.get(MoatStack.MOAT.resolve("/inspection-rules").toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");
        console.type("bench-prompt", "You are asked to come up with a set of 20 diverse task instructions; "
                + "generate an appropriate input to the instruction.");
        console.click("bench-run");

        String decision = console.textOnceItShows("bench-decision", "Decision");
        assertTrue(decision.startsWith("Decision: throttle (score 5)"), decision);
        assertTrue(console.shown("bench-findings").getText().contains("DST-120"));
        Browser.screenshot(driver, "test-bench");

        console.choose("bench-rules", "DST-100"); // one rule alone: the reasoning-trace rule, which does not fire here
        console.click("bench-run");
        decision = console.textOnceItShows("bench-decision", "Decision: allow");
        assertTrue(decision.startsWith("Decision: allow (score 0)"), decision);
        assertFalse(console.shown("bench-findings").getText().contains("DST-120"), "only the chosen rule ran");
    }

    @Test
    void bob_authors_a_rule_sees_it_judge_a_prompt_and_deletes_it() {
        String name = "Console rule " + UUID.randomUUID().toString().substring(0, 8);
        driver.get(MoatStack.MOAT.resolve("/inspection-rules").toString());
        new KeycloakSignInPage(driver).signIn("bob", "bob-pw");
        String tenant = "pelican-" + UUID.randomUUID().toString().substring(0, 8);
        console.click("new-rule");
        console.type("rule-name", name);
        console.type("rule-tenant", tenant);
        console.type("rule-definition", "quarterly pelican audit");
        console.click("rule-save");
        assertTrue(console.textOnceItShows("inspection-rules", name).contains(name), "the new rule is listed");

        console.type("bench-prompt", "Please prepare the quarterly pelican audit for the board.");
        console.click("bench-run");
        String decision = console.textOnceItShows("bench-decision", "Decision: allow");
        assertTrue(decision.startsWith("Decision: allow"), "not in force for every tenant: " + decision);
        console.type("bench-tenant", tenant);
        console.click("bench-run");
        decision = console.textOnceItShows("bench-decision", "Decision: flag");
        assertTrue(decision.startsWith("Decision: flag (score 3)"), decision);
        assertTrue(console.shown("bench-findings").getText().contains(name), "the finding names the rule");
        Browser.screenshot(driver, "rule-authored");

        console.clickRow("inspection-rules", name);
        console.click("rule-delete");
        console.confirm();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !console.shown("inspection-rules").getText()
                .contains(name));
    }

    @Test
    void bob_sees_how_behavioural_detection_judges_a_key_and_its_recent_requests() throws Exception {
        String alice = Keycloak.userToken("alice");
        String tenant = "behaviour-" + UUID.randomUUID().toString().substring(0, 8);
        try (StubUpstream upstream = new StubUpstream()) {
            assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                    .add("name", "Behaviour").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
            JsonObject issued = Api.json(Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                    Json.createObjectBuilder().add("name", "watched").build()));
            String keyId = issued.getJsonObject("details").getString("id");
            HttpClient http = HttpClient.newHttpClient();
            for (String task : List.of("Write a limerick about a cat.", "Name three rivers in Africa.",
                    "Translate 'good morning' into Italian.", "Give a synonym for happy.", "What is 17 times 23?")) {
                http.send(HttpRequest.newBuilder(MoatStack.MOAT.resolve("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + issued.getString("key"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", "m")
                                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                        .add("role", "user").add("content", task))).build().toString())).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            driver.get(MoatStack.MOAT.resolve("/inspection-rules").toString());
            new KeycloakSignInPage(driver).signIn("bob", "bob-pw");

            // The detector takes the gateway's requests in once a second: explain until all five show.
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
                console.type("behaviour-key", keyId);
                console.click("behaviour-explain");
                return console.shown("behaviour-features").getText().contains("requests 5");
            });
            assertTrue(console.shown("behaviour-score").getText().contains("not suspicious"));
            assertTrue(console.shown("behaviour-recent").getText().contains("what is 17 times 23?"));
            Browser.screenshot(driver, "key-behaviour");
        }
    }

    @Test
    void carol_the_auditor_sees_changes_and_verifies_the_audit_chain() {
        driver.get(MoatStack.MOAT.resolve("/audit-log").toString());
        new KeycloakSignInPage(driver).signIn("carol", "carol-pw");
        console.shown("audit-entries");
        console.click("audit-verify");

        String verdict = console.textOnceItShows("audit-verdict", "Chain intact");
        assertTrue(verdict.startsWith("Chain intact"), verdict);
        Browser.screenshot(driver, "audit-log");
    }

    private static String openCritical(String token) {
        return Api.json(Api.post("/api/v1/incidents", token, Json.createObjectBuilder()
                .add("title", "Bulk " + UUID.randomUUID()).add("severity", "critical").build())).getString("id");
    }
}
