package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moat.wiring.RequiresConfiguredDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away while the gateway serves: requests are still answered, their usage events wait in
 * the spool file, and once the database is back every one of them is stored, none twice.
 */
@ExtendWith(MoatStack.class)
class DatabaseOutageIT {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final int REQUESTS_DURING_OUTAGE = 40;

    private StubUpstream upstream;

    @BeforeEach
    void stubUpstream() throws IOException {
        upstream = new StubUpstream();
    }

    @AfterEach
    void databaseBackAndStubStopped() throws SQLException {
        if (RequiresConfiguredDatabase.postgresqlAnswers()) {
            admin("alter database moat_e2e allow_connections true");
        }
        upstream.close();
    }

    @Test
    void usage_events_written_during_an_outage_arrive_once_it_ends() throws Exception {
        assumeTrue(RequiresConfiguredDatabase.postgresqlAnswers() || "true".equals(System.getenv("CI")),
                "PostgreSQL is not running on 127.0.0.1:5432: the outage is made by refusing connections to it");
        String alice = Keycloak.userToken("alice");
        String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/tenants", alice, Json.createObjectBuilder().add("id", tenant)
                .add("name", "Outage test").add("upstreamBaseUrl", upstream.baseUrl()).build()).statusCode());
        HttpResponse<String> created = Api.post("/api/v1/tenants/" + tenant + "/keys", alice,
                Json.createObjectBuilder().add("name", "outage test").build());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject issued = Api.json(created);
        String key = issued.getString("key");
        String keyId = issued.getJsonObject("details").getString("id");
        assertEquals(200, Gateway.chatFrom("203.0.113.7", key).statusCode(), "the key works before the outage");

        admin("alter database moat_e2e allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'moat_e2e'");
        for (int i = 0; i < REQUESTS_DURING_OUTAGE; i++) {
            HttpResponse<String> answer = Gateway.chatFrom("203.0.113.7", key);
            assertEquals(200, answer.statusCode(), "the gateway answers without its database: " + answer.body());
        }
        Thread.sleep(1_500); // several flushes fail and spool
        admin("alter database moat_e2e allow_connections true");

        int expected = REQUESTS_DURING_OUTAGE + 1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int stored = storedEvents(alice, keyId);
        while (stored < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            stored = storedEvents(alice, keyId);
        }
        assertEquals(expected, stored, "every usage event is stored once after the outage");
    }

    private static int storedEvents(String token, String keyId) {
        HttpResponse<String> page = Api.get("/api/v1/usage?key=" + keyId + "&limit=500", token);
        return page.statusCode() == 200 ? Api.json(page).getJsonArray("items").size() : -1;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
