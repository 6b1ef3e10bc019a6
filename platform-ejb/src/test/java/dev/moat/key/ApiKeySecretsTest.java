package dev.moat.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeySecretsTest {

    private static final byte[] PEPPER = "a server-side pepper of 32 bytes".getBytes();
    private final ApiKeySecrets secrets = new ApiKeySecrets(PEPPER, new SecureRandom());

    @Test
    void a_new_key_reads_moat_keyid_secret_with_256_bits_of_secret() {
        ApiKeySecrets.PlainKey key = secrets.newKey(new KeyId("abcdef123456"));

        assertTrue(Pattern.matches("moat_abcdef123456_[A-Za-z0-9]{43}", key.toString()), key.toString());
        assertTrue(43 * Math.log(62) / Math.log(2) >= 256);
    }

    @Test
    void two_new_secrets_differ() {
        KeyId id = new KeyId("abcdef123456");
        assertNotEquals(secrets.newKey(id).secret(), secrets.newKey(id).secret());
    }

    @Test
    void a_presented_key_parses_back_into_id_and_secret() {
        ApiKeySecrets.PlainKey key = secrets.newKey(new KeyId("abcdef123456"));

        assertEquals(Optional.of(key), ApiKeySecrets.parse(key.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sk-abc", "moat_abcdef123456", "moat_ABCDEF123456_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "moat_abcdef123456-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "moat_abcdef123456_aaaa"})
    void anything_else_is_not_a_moat_key(String presented) {
        assertEquals(Optional.empty(), ApiKeySecrets.parse(presented));
    }

    @Test
    void the_hash_is_keyed_by_the_pepper() {
        ApiKeySecrets otherPepper = new ApiKeySecrets("another pepper, another database".getBytes(), new SecureRandom());

        assertEquals(secrets.hash("secret"), secrets.hash("secret"));
        assertEquals(64, secrets.hash("secret").length());
        assertNotEquals(secrets.hash("secret"), otherPepper.hash("secret"));
        assertNotEquals(secrets.hash("secret"), secrets.hash("secreT"));
    }

    @Test
    void hashes_compare_equal_only_when_equal() {
        String hash = secrets.hash("secret");
        assertTrue(ApiKeySecrets.sameHash(hash, secrets.hash("secret")));
        assertFalse(ApiKeySecrets.sameHash(hash, secrets.hash("other")));
    }
}
