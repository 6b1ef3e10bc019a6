package dev.moat.e2e;

import dev.moat.wiring.RequiresConfiguredDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The database of the end-to-end stack: a fresh PostgreSQL database for each run, as in production. Where no
 * PostgreSQL answers, Moat's embedded H2 is used instead, with a clear message; under {@code CI=true} that is
 * a failure.
 */
final class E2eDatabase {

    private static final Logger LOG = Logger.getLogger(E2eDatabase.class.getName());
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "moat_e2e";
    private static final String USER = "postgres";

    private E2eDatabase() {
    }

    /** Creates the database afresh and points Moat's environment at it, or leaves Moat on H2. */
    static void configure(Map<String, String> environment) {
        if (!RequiresConfiguredDatabase.postgresqlAnswers()) {
            String message = "PostgreSQL is not running on 127.0.0.1:5432: the end-to-end tests run on embedded H2";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + ", but CI must run them on PostgreSQL");
            }
            LOG.warning(message);
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the end-to-end database " + DATABASE + ": "
                    + e.getMessage(), e);
        }
        environment.put("MOAT_DB_URL", SERVER + DATABASE);
        environment.put("MOAT_DB_USER", USER);
        environment.put("MOAT_DB_PASSWORD", "unused-with-trust-auth");
        LOG.info("End-to-end tests run on PostgreSQL, database " + DATABASE);
    }
}
