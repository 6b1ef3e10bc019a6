package dev.moat.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.DomainRuleViolation;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {

    private static Tenant pointingTo(String url) {
        return new Tenant(new TenantId("acme"), "Acme", URI.create(url), Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource({
            "http://vllm.internal:8000/v1, http://vllm.internal:8000/v1",
            "http://vllm.internal:8000/v1/, http://vllm.internal:8000/v1",
            "HTTPS://models.example.com/openai/v1//, https://models.example.com/openai/v1",
            "http://[::1]:8000, http://[::1]:8000"})
    void an_upstream_url_is_kept_without_a_trailing_slash(String given, String kept) {
        assertEquals(URI.create(kept), pointingTo(given).upstreamBaseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:S3cretPw@vllm.internal/v1", "https://S3cretPw@vllm.internal/v1",
            "http://user:S3cretPw@under_score/v1"})
    void credentials_in_the_url_are_refused_without_being_repeated(String url) {
        DomainRuleViolation refused = assertThrows(DomainRuleViolation.class, () -> pointingTo(url));
        assertFalse(refused.getMessage().contains("S3cretPw"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://vllm.internal/v1", "/v1", "http://under_score/v1", "http://vllm.internal:99999/v1",
            "http://vllm.internal:0/v1", "http://vllm.internal/v1?x=1", "http://vllm.internal/v1#top"})
    void urls_the_gateway_cannot_call_are_refused(String url) {
        assertThrows(DomainRuleViolation.class, () -> pointingTo(url));
    }

    @Test
    void names_and_urls_longer_than_their_columns_are_refused() {
        assertThrows(DomainRuleViolation.class, () -> new Tenant(new TenantId("acme"), "a".repeat(201),
                URI.create("http://vllm.internal/v1"), Instant.EPOCH));
        assertThrows(DomainRuleViolation.class, () -> pointingTo("http://vllm.internal/" + "v".repeat(2000)));
    }
}
