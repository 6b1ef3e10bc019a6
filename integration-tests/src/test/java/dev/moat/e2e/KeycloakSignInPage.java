package dev.moat.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's sign-in form of the moat realm. */
final class KeycloakSignInPage {

    private final WebDriver driver;

    KeycloakSignInPage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    boolean isShown() {
        return driver.getCurrentUrl().startsWith(MoatStack.KEYCLOAK.toString())
                && !driver.findElements(By.id("kc-login")).isEmpty();
    }

    ConsolePage signIn(String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        return new ConsolePage(driver);
    }
}
