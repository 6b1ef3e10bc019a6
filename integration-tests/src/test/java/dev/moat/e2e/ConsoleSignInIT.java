package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

/** Operators sign in to the console through Keycloak in a real browser, and out again. */
@ExtendWith(Browser.class)
@ExtendWith(MoatStack.class)
class ConsoleSignInIT {

    private static final List<String> EVERY_SECTION = List.of("Dashboard", "Tenants & keys", "Usage",
            "Geo policies", "Inspection rules", "Watermarks", "Incidents", "Search", "Webhooks", "Audit log");

    private WebDriver driver;

    @BeforeEach
    void openBrowser() {
        driver = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        driver.quit();
    }

    private KeycloakSignInPage openConsole() {
        driver.get(MoatStack.MOAT.toString());
        return new KeycloakSignInPage(driver);
    }

    @Test
    void alice_signs_in_sees_her_name_and_every_section_then_signs_out() {
        ConsolePage console = openConsole().signIn("alice", "alice-pw");

        assertEquals("Alice Admin", console.userName());
        assertEquals("platform-admin", console.roles());
        assertEquals(EVERY_SECTION, console.sections());
        assertFalse(console.isReadOnly());

        KeycloakSignInPage afterSignOut = console.signOut();
        assertTrue(afterSignOut.isShown(), "signing out must end the Keycloak session too");
        assertTrue(openConsole().isShown(), "the next visit must ask for the password again");
    }

    @Test
    void carol_the_auditor_sees_every_section_read_only() {
        ConsolePage console = openConsole().signIn("carol", "carol-pw");

        assertEquals("Carol Auditor", console.userName());
        assertEquals(EVERY_SECTION, console.sections());
        assertTrue(console.isReadOnly());
    }

    @Test
    void dave_the_tenant_admin_sees_only_tenant_pages() {
        ConsolePage console = openConsole().signIn("dave", "dave-pw");

        assertEquals(List.of("Dashboard", "Tenants & keys", "Usage", "Geo policies", "Watermarks",
                "Incidents", "Search"), console.sections());
    }

    @Test
    void a_tenant_admin_cannot_open_a_hidden_section_by_its_address() {
        openConsole().signIn("dave", "dave-pw");
        driver.get(MoatStack.MOAT.resolve("/inspection-rules").toString());

        String shown = new ConsolePage.Anonymous(driver).bodyText();
        assertTrue(shown.contains("Could not navigate to 'inspection-rules'"), shown);
        assertFalse(shown.contains("Test bench"), "the inspection page must stay closed to dave");
    }
}
