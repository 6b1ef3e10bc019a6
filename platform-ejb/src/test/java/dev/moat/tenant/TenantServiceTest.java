package dev.moat.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.AuditedChange;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final InMemoryTenants tenants = new InMemoryTenants();
    private final RecordingEvent<AuditedChange> audit = new RecordingEvent<>();
    private final TenantService service = new TenantService(tenants, Clock.fixed(NOW, ZoneOffset.UTC), null, null,
            audit);

    @Test
    void created_tenant_is_stored_with_the_time_of_creation() {
        Tenant acme = service.create(new TenantId("acme"), " Acme Corp ", URI.create("http://llm.acme.test/v1"));

        assertEquals("Acme Corp", acme.name());
        assertEquals(NOW, acme.createdAt());
        assertEquals(Optional.of(acme), service.find(new TenantId("acme")));
        AuditedChange audited = audit.fired.getFirst();
        assertEquals("tenant.created", audited.action());
        assertEquals("tenant:acme", audited.target());
        assertEquals("Acme Corp", audited.after().getString("name"));
        assertEquals(false, audited.after().getBoolean("hasUpstreamApiKey"));
    }

    @Test
    void a_tenant_id_is_never_taken_twice() {
        service.create(new TenantId("acme"), "Acme", URI.create("http://llm.acme.test/v1"));

        assertThrows(TenantAlreadyExistsException.class,
                () -> service.create(new TenantId("acme"), "Other", URI.create("http://other.test/v1")));
        assertEquals("Acme", service.list().getFirst().name());
    }

    @Test
    void upstream_must_be_an_absolute_http_url() {
        assertThrows(IllegalArgumentException.class,
                () -> service.create(new TenantId("acme"), "Acme", URI.create("ftp://llm.acme.test")));
        assertThrows(IllegalArgumentException.class,
                () -> service.create(new TenantId("acme"), "Acme", URI.create("/v1")));
        assertEquals(List.of(), service.list());
        assertEquals(List.of(), audit.fired, "nothing happened, nothing audited");
    }

    private static final class InMemoryTenants implements TenantRepository {
        private final List<Tenant> stored = new ArrayList<>();

        @Override
        public Optional<Tenant> find(TenantId id) {
            return stored.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        @Override
        public List<Tenant> findAll() {
            return stored.stream().sorted(Comparator.comparing(t -> t.id().value())).toList();
        }

        @Override
        public void add(Tenant tenant) {
            stored.add(tenant);
        }
    }
}
