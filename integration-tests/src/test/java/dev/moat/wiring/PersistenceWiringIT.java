package dev.moat.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.persistence.SchemaMigration;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantAlreadyExistsException;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container wiring of the real WAR on Payara Micro: CDI across the modules, JPA with Hibernate on the
 * Flyway-migrated schema, and transaction boundaries. Runs once on H2 and once on PostgreSQL.
 */
@ExtendWith(RequiresConfiguredDatabase.class)
@ExtendWith(ArquillianExtension.class)
class PersistenceWiringIT {

    @Deployment
    static WebArchive deployment() {
        return MoatDeployment.withTestClasses(PersistenceWiringIT.class, FailingTenantImport.class);
    }

    @Inject
    TenantService tenants;

    @Inject
    FailingTenantImport failingImport;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Test
    void runs_on_the_configured_database() throws SQLException {
        String expected = System.getenv("MOAT_DB_URL") == null ? "H2" : "PostgreSQL";
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expected, connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void schema_comes_from_the_flyway_migrations() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet applied = statement.executeQuery(
                     "select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\" = true")) {
            assertTrue(applied.next());
            assertEquals(1, applied.getInt(1));
        }
    }

    @Test
    void tenant_is_stored_and_read_back_through_jpa() {
        TenantId id = uniqueTenantId();
        tenants.create(id, "Acme Research", URI.create("http://llm.acme.test/v1"));

        Tenant stored = tenants.find(id).orElseThrow();
        assertEquals("Acme Research", stored.name());
        assertEquals(URI.create("http://llm.acme.test/v1"), stored.upstreamBaseUrl());
        assertTrue(tenants.list().stream().anyMatch(t -> t.id().equals(id)));
    }

    @Test
    void a_duplicate_tenant_is_refused_and_the_first_one_kept() {
        TenantId id = uniqueTenantId();
        tenants.create(id, "First", URI.create("http://first.test/v1"));

        assertThrows(TenantAlreadyExistsException.class,
                () -> tenants.create(id, "Second", URI.create("http://second.test/v1")));
        assertEquals("First", tenants.find(id).orElseThrow().name());
    }

    @Test
    void a_failing_use_case_rolls_back_what_it_wrote() {
        TenantId id = uniqueTenantId();

        assertThrows(IllegalStateException.class, () -> failingImport.importThenFail(id));
        assertTrue(tenants.find(id).isEmpty(), "the tenant written before the failure must be rolled back");
    }

    private static TenantId uniqueTenantId() {
        return new TenantId("it-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
