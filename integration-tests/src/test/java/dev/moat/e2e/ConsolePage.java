package dev.moat.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Moat's console shell as a signed-in operator sees it. */
final class ConsolePage {

    private final WebDriver driver;

    ConsolePage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));
    }

    String userName() {
        return driver.findElement(By.id("signed-in-user")).getText();
    }

    String roles() {
        return driver.findElement(By.id("signed-in-roles")).getText();
    }

    boolean isReadOnly() {
        return driver.findElement(By.tagName("vaadin-app-layout")).getText().contains("read-only");
    }

    List<String> sections() {
        return driver.findElements(By.cssSelector("#console-navigation vaadin-side-nav-item")).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .toList();
    }

    /** Any console address, whether it shows a view or refuses one. */
    record Anonymous(WebDriver driver) {
        String bodyText() {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return !text.isBlank() ? text : null;
            });
            return driver.findElement(By.tagName("body")).getText();
        }
    }

    KeycloakSignInPage signOut() {
        driver.findElement(By.id("sign-out")).click();
        return new KeycloakSignInPage(driver);
    }
}
