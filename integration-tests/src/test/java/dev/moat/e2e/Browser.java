package dev.moat.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages. Tests that need it
 * are skipped with a clear message where it is missing, and fail under {@code CI=true}.
 */
final class Browser implements ExecutionCondition {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium found");
        }
        String message = "Chromium or ChromeDriver missing (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI must run the browser tests");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }

    /** Keeps what the browser shows in target/e2e-logs, for a person to look at. */
    static void screenshot(WebDriver driver, String name) {
        try {
            Path file = Path.of("target", "e2e-logs", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static WebDriver start() {
        // Selenium Manager must never try to download a browser: this machine has no way out.
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .withEnvironment(java.util.Map.of("SE_OFFLINE", "true"))
                .build();
        return new ChromeDriver(service, options);
    }
}
