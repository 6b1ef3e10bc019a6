package dev.moat.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's Tenants & keys page. */
final class TenantsPage {

    private final WebDriver driver;
    private final WebDriverWait wait;

    TenantsPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tenants")));
    }

    static TenantsPage open(WebDriver driver) {
        driver.get(MoatStack.MOAT.resolve("/tenants").toString());
        return new TenantsPage(driver);
    }

    TenantsPage selectTenant(String tenantId) {
        driver.findElement(By.cssSelector("#tenant-filter input")).sendKeys(tenantId);
        // Until the filter has narrowed the grid, the row may lie outside its viewport, and a click while the grid
        // still re-renders may select nothing: click again until the tenant's keys show.
        wait.ignoring(WebDriverException.class).until(d -> {
            WebElement cell = cellWithText(tenantId);
            if (cell == null) {
                return false;
            }
            cell.click();
            try {
                new WebDriverWait(d, Duration.ofSeconds(5)).until(ExpectedConditions.not(
                        ExpectedConditions.textToBe(By.id("keys-title"), "Keys")));
                return true;
            } catch (TimeoutException notSelected) {
                return false;
            }
        });
        return this;
    }

    /** Creates a key with the given name and returns its full text from the shown-once dialog. */
    String createKey(String name) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-key"))).click();
        WebElement nameField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#key-name input")));
        nameField.sendKeys(name);
        driver.findElement(By.id("create-key")).click();
        WebElement issued = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#issued-key input")));
        String key = issued.getDomProperty("value");
        driver.findElement(By.id("close-issued-key")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("issued-key")));
        return key;
    }

    /** Declares the tenant's one key its own workload through the key's "Own workload" dialog. */
    void declareOwnWorkload(String reason) {
        wait.ignoring(WebDriverException.class).until(d -> {
            WebElement button = d.findElements(By.tagName("vaadin-button")).stream()
                    .filter(b -> "Own workload".equals(b.getText().strip())).findFirst().orElse(null);
            if (button == null) {
                return false;
            }
            // the actions are the grid's last column, beyond the window's right edge: scroll to it as a user would
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})",
                    button);
            button.click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#own-workload-reason input")))
                .sendKeys(reason);
        driver.findElement(By.id("declare-own-workload")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("own-workload-reason")));
    }

    boolean showsCell(String text) {
        return wait.until(d -> cellWithText(text)) != null;
    }

    private WebElement cellWithText(String text) {
        return driver.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .filter(cell -> text.equals(cell.getText().strip()))
                .findFirst().orElse(null);
    }
}
