package dev.moat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = new SecretBox("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void a_sealed_secret_opens_again_and_never_shows_in_the_sealed_text() {
        String sealed = box.seal("sk-upstream-123");

        assertEquals("sk-upstream-123", box.open(sealed));
        assertFalse(sealed.contains("sk-upstream"));
        assertNotEquals(sealed, box.seal("sk-upstream-123"), "a fresh IV every time");
    }

    @Test
    void an_altered_text_or_another_key_does_not_open() {
        String sealed = box.seal("sk-upstream-123");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThrows(IllegalStateException.class, () -> box.open(altered));
        assertThrows(IllegalStateException.class,
                () -> new SecretBox("fedcba9876543210fedcba9876543210".getBytes()).open(sealed));
    }
}
