package dev.moat.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.net.Cidr;
import dev.moat.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final Instant CREATED = Instant.parse("2026-11-26T08:00:00Z");

    private static ApiKey key(Instant expiresAt) {
        return new ApiKey(new KeyId("abcdef123456"), new TenantId("acme"), "ci pipeline", List.of("llama-3", " "),
                List.of(Cidr.parse("203.0.113.7/24")), expiresAt, "hash-1", "alice", CREATED);
    }

    @Test
    void a_new_key_is_active_until_it_expires() {
        ApiKey key = key(CREATED.plus(Duration.ofDays(30)));

        assertEquals(KeyStatus.ACTIVE, key.status(CREATED.plusSeconds(1)));
        assertEquals(KeyStatus.EXPIRED, key.status(CREATED.plus(Duration.ofDays(30))));
        assertEquals(List.of("llama-3"), key.allowedModels());
        assertEquals(List.of(Cidr.parse("203.0.113.0/24")), key.ipAllowList());
    }

    @Test
    void a_rotated_secret_stays_valid_for_the_grace_period_only() {
        ApiKey key = key(null);
        Instant rotated = CREATED.plus(Duration.ofHours(1));

        key.rotate("hash-2", rotated, Duration.ofHours(24));

        assertEquals("hash-2", key.secretHash());
        assertEquals(Optional.of("hash-1"), key.previousSecretHash(rotated.plus(Duration.ofHours(23))));
        assertEquals(Optional.empty(), key.previousSecretHash(rotated.plus(Duration.ofHours(24))));
    }

    @Test
    void revocation_ends_the_key_and_the_grace_of_its_previous_secret() {
        ApiKey key = key(null);
        key.rotate("hash-2", CREATED, Duration.ofHours(24));

        key.revoke(CREATED.plusSeconds(60));

        assertEquals(KeyStatus.REVOKED, key.status(CREATED.plusSeconds(61)));
        assertEquals(Optional.empty(), key.previousSecretHash(CREATED.plusSeconds(61)));
        assertThrows(DomainRuleViolation.class, () -> key.rotate("hash-3", CREATED.plusSeconds(62), Duration.ZERO));
    }

    @Test
    void a_key_cannot_expire_before_it_exists() {
        assertThrows(DomainRuleViolation.class, () -> key(CREATED));
    }
}
