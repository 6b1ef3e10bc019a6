package dev.moat.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.net.Cidr;
import dev.moat.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
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

    @Test
    void names_and_lists_longer_than_their_columns_or_holding_null_are_refused_not_cut() {
        List<String> manyModels = IntStream.range(0, 300).mapToObj(i -> "model-" + i).toList();
        List<Cidr> manyNetworks = IntStream.range(0, 200)
                .mapToObj(i -> Cidr.parse("10.0." + i + ".0/24")).toList();
        List<String> nullModel = new ArrayList<>();
        nullModel.add(null);

        for (var keyWith : List.<Runnable>of(
                () -> new ApiKey(new KeyId("abcdef123456"), new TenantId("acme"), "n".repeat(201), List.of(), List.of(),
                        null, "hash-1", "alice", CREATED),
                () -> new ApiKey(new KeyId("abcdef123456"), new TenantId("acme"), "k", manyModels, List.of(),
                        null, "hash-1", "alice", CREATED),
                () -> new ApiKey(new KeyId("abcdef123456"), new TenantId("acme"), "k", List.of(), manyNetworks,
                        null, "hash-1", "alice", CREATED),
                () -> new ApiKey(new KeyId("abcdef123456"), new TenantId("acme"), "k", nullModel, List.of(),
                        null, "hash-1", "alice", CREATED),
                () -> Cidr.parse(null))) {
            assertThrows(DomainRuleViolation.class, keyWith::run);
        }
    }
}
