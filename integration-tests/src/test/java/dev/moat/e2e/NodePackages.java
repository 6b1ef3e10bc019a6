package dev.moat.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Official Node.js packages that users of Moat run against it, pinned in src/test/node: the OpenAI client
 * (npm {@code openai}) and the Standard Webhooks library (npm {@code standardwebhooks}), installed with
 * {@code npm ci} into target/. Tests that need them skip where Node.js is missing, and fail under
 * {@code CI=true}.
 */
final class NodePackages implements ExecutionCondition {

    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-checks");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "openai-client-check.mjs",
            "webhook-receiver.mjs");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (runs("node", "--version") && runs("npm", "--version")) {
            return ConditionEvaluationResult.enabled("Node.js found");
        }
        String message = "Node.js and npm are needed for the OpenAI client and webhook tests "
                + "(apt-get install nodejs npm)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI must run it");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }

    /** Installs the pinned packages once per build. */
    static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : FILES) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.notExists(WORK.resolve("node_modules/openai"))
                || Files.notExists(WORK.resolve("node_modules/standardwebhooks"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, null);
        }
    }

    /** Starts a long-running script (a server) with the given environment; its output is read by the caller. */
    static Process start(String script, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(WORK.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs the client check against the gateway and returns what it printed. */
    static JsonObject check(String baseUrl, String key) throws IOException, InterruptedException {
        String output = run(List.of("node", "openai-client-check.mjs"), baseUrl, key);
        String lastLine = output.strip().lines().reduce((first, second) -> second).orElse("{}");
        return Json.createReader(new StringReader(lastLine)).readObject();
    }

    private static String run(List<String> command, String baseUrl, String key) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
        if (baseUrl != null) {
            builder.environment().put("MOAT_BASE_URL", baseUrl);
            builder.environment().put("MOAT_KEY", key);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
