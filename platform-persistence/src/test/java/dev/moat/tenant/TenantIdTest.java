package dev.moat.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a", "acme-research", "team42"})
    void slugs_are_accepted(String slug) {
        assertEquals(slug, new TenantId(slug).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "acme-", "acme corp", "acme_corp", "ünïcode"})
    void anything_but_a_slug_is_refused(String slug) {
        assertThrows(IllegalArgumentException.class, () -> new TenantId(slug));
    }
}
