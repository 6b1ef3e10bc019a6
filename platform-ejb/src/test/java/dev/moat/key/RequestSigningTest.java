package dev.moat.key;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSigningTest {

    private static final String SECRET = "signing-secret";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final long TS = NOW.getEpochSecond();

    private final RequestSigning signing = new RequestSigning();

    private boolean accepts(String secret, String method, String path, long timestamp, String signature, byte[] body) {
        return signing.accepts(secret, method, path, Long.toString(timestamp), signature, body, NOW);
    }

    @Test
    void a_correct_fresh_signature_is_accepted_once() {
        String signature = RequestSigning.sign(SECRET, "POST", "/v1/chat/completions", TS, BODY);

        assertTrue(accepts(SECRET, "POST", "/v1/chat/completions", TS, signature, BODY));
        assertFalse(accepts(SECRET, "POST", "/v1/chat/completions", TS, signature, BODY), "a replay is refused");
    }

    @Test
    void anything_signed_differently_is_refused() {
        String signature = RequestSigning.sign(SECRET, "POST", "/v1/chat/completions", TS, BODY);

        assertFalse(accepts("other-secret", "POST", "/v1/chat/completions", TS, signature, BODY));
        assertFalse(accepts(SECRET, "POST", "/v1/completions", TS, signature, BODY));
        assertFalse(accepts(SECRET, "POST", "/v1/chat/completions", TS + 1, signature, BODY));
        assertFalse(accepts(SECRET, "POST", "/v1/chat/completions", TS, signature, "{}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(signing.accepts(SECRET, "POST", "/v1/chat/completions", "soon", signature, BODY, NOW));
        assertFalse(signing.accepts(SECRET, "POST", "/v1/chat/completions", null, signature, BODY, NOW));
    }

    @Test
    void a_timestamp_more_than_five_minutes_off_is_refused() {
        long stale = TS - 301;
        long early = TS + 301;

        assertFalse(accepts(SECRET, "GET", "/v1/models", stale, RequestSigning.sign(SECRET, "GET", "/v1/models", stale, new byte[0]), new byte[0]));
        assertFalse(accepts(SECRET, "GET", "/v1/models", early, RequestSigning.sign(SECRET, "GET", "/v1/models", early, new byte[0]), new byte[0]));
        long edge = TS - 300;
        assertTrue(accepts(SECRET, "GET", "/v1/models", edge, RequestSigning.sign(SECRET, "GET", "/v1/models", edge, new byte[0]), new byte[0]));
    }
}
