package dev.moat.key;

import dev.moat.domain.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request signing, the second factor a tenant may require: with the headers {@code X-Moat-Timestamp} (Unix
 * seconds) and {@code X-Moat-Signature} = hex HMAC-SHA-256, under the key's signing secret, of
 * {@code METHOD \n PATH \n TIMESTAMP \n hex(SHA-256(body))}. Refused when wrong, more than five minutes off,
 * or seen before.
 */
@ApplicationScoped
public class RequestSigning {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final int SWEEP_ABOVE = 100_000;

    /** Signatures seen, until they could no longer pass the clock check anyway. */
    private final ConcurrentMap<String, Long> seen = new ConcurrentHashMap<>();

    /** What a client computes; public so that tests and tools sign exactly as Moat checks. */
    public static String sign(String signingSecret, String method, String path, long timestamp, byte[] body) {
        try {
            String bodyHash = Sha256.hex(body);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = method + "\n" + path + "\n" + timestamp + "\n" + bodyHash;
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every JDK", e);
        }
    }

    /** Whether the request carries a fresh, correct, never-seen signature. */
    public boolean accepts(String signingSecret, String method, String path, String timestampHeader,
                           String signatureHeader, byte[] body, Instant now) {
        if (signingSecret == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > MAX_SKEW.toSeconds()) {
            return false;
        }
        String expected = sign(signingSecret, method, path, timestamp, body);
        String presented = signatureHeader.strip().toLowerCase();
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        forgetExpired(now);
        return seen.putIfAbsent(expected, timestamp + MAX_SKEW.toSeconds()) == null;
    }

    private void forgetExpired(Instant now) {
        if (seen.size() > SWEEP_ABOVE) {
            long nowSeconds = now.getEpochSecond();
            seen.values().removeIf(until -> until < nowSeconds);
        }
    }
}
