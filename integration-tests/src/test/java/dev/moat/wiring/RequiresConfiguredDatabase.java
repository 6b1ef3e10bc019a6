package dev.moat.wiring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL run of the wiring tests, with a clear message, when no PostgreSQL answers on
 * 127.0.0.1:5432; under {@code CI=true} that is a failure instead.
 */
public class RequiresConfiguredDatabase implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(System.getProperty("moat.it.database")) || postgresqlAnswers()) {
            return ConditionEvaluationResult.enabled("database available");
        }
        String message = "PostgreSQL is not running on 127.0.0.1:5432 (start it, see README)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI must run the PostgreSQL wiring tests");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }

    /** Whether a PostgreSQL answers on 127.0.0.1:5432, as the tests expect it. */
    public static boolean postgresqlAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
