package dev.moat.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The example of the Standard Webhooks specification (and of its reference libraries' tests). */
    @Test
    void signs_the_specifications_example_as_the_specification_does() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.signature(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}"));
    }

    @Test
    void new_secrets_are_random_whsec_secrets_of_256_bits() {
        SecureRandom random = new SecureRandom();
        String secret = WebhookSigner.newSecret(random);

        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSigner.newSecret(random));
    }
}
