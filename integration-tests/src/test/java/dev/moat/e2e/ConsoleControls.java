package dev.moat.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Operating Vaadin's fields by their ids, as a person does: typing, picking from the drop-down, clicking. */
final class ConsoleControls {

    private final WebDriver driver;
    private final WebDriverWait wait;

    ConsoleControls(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    WebElement shown(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void click(String id) {
        shown(id).click();
    }

    void type(String fieldId, String text) {
        WebElement input = shown(fieldId).findElement(By.cssSelector("input, textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** Types into a (multi-select) combo box and clicks the first offered item whose label contains the text. */
    void choose(String comboBoxId, String text) {
        type(comboBoxId, text);
        String items = "vaadin-combo-box-item, vaadin-multi-select-combo-box-item";
        wait.ignoring(WebDriverException.class).until(d -> {
            WebElement item = d.findElements(By.cssSelector(items)).stream()
                    .filter(candidate -> candidate.isDisplayed() && candidate.getText().contains(text))
                    .findFirst().orElse(null);
            if (item == null) {
                return false;
            }
            item.click();
            return true;
        });
        shown(comboBoxId).findElement(By.tagName("input")).sendKeys(Keys.ESCAPE);
    }

    /** Presses the confirm button of the open confirmation dialog. */
    void confirm() {
        wait.ignoring(WebDriverException.class).until(d -> {
            d.findElement(By.cssSelector("[slot='confirm-button']")).click();
            return true;
        });
    }

    /** Opens a select and picks the item with this label. */
    void pickInSelect(String selectId, String label) {
        shown(selectId).click();
        wait.ignoring(WebDriverException.class).until(d -> {
            WebElement item = d.findElements(By.tagName("vaadin-select-item")).stream()
                    .filter(candidate -> candidate.isDisplayed() && candidate.getText().strip().equals(label))
                    .findFirst().orElse(null);
            if (item == null) {
                return false;
            }
            item.click();
            return true;
        });
    }

    /** Ticks the box of every row a multi-select grid shows. */
    void selectEveryRow(String gridId) {
        wait.ignoring(WebDriverException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#" + gridId + " vaadin-checkbox")).stream()
                    .filter(box -> box.isDisplayed() && !String.valueOf(box.getDomAttribute("class")).contains("select-all")
                            && !String.valueOf(box.getDomAttribute("aria-label")).contains("Select All"))
                    .toList();
            rows.stream().filter(box -> !Boolean.parseBoolean(box.getDomProperty("checked"))).forEach(WebElement::click);
            return !rows.isEmpty() && rows.stream().allMatch(box -> Boolean.parseBoolean(box.getDomProperty("checked")));
        });
    }

    /** Clicks the grid's cell that shows exactly this text (and so its row). */
    void clickRow(String gridId, String cellText) {
        wait.ignoring(WebDriverException.class).until(d -> {
            WebElement cell = d.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content")).stream()
                    .filter(candidate -> candidate.isDisplayed() && candidate.getText().strip().equals(cellText))
                    .findFirst().orElse(null);
            if (cell == null) {
                return false;
            }
            cell.click();
            return true;
        });
    }

    /** Picks the radio button with this label in the group. */
    void pick(String radioGroupId, String label) {
        shown(radioGroupId).findElements(By.tagName("vaadin-radio-button")).stream()
                .filter(button -> button.getText().strip().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no option '" + label + "' in " + radioGroupId))
                .click();
    }

    /** The element's text once it contains what is expected (or its last text when the wait runs out). */
    String textOnceItShows(String id, String expected) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the caller's assertion shows what is there instead
        }
        return shown(id).getText();
    }
}
