package dev.moat.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The format of API keys, {@code moat_<keyId>_<secret>}, and the keyed hash under which their secrets are
 * stored: HMAC-SHA-256 with a server-side pepper, so a stolen database alone cannot test guesses.
 */
public final class ApiKeySecrets {

    static final String PREFIX = "moat_";
    /** 43 characters of a 62-letter alphabet: 256 bits. */
    static final int SECRET_LENGTH = 43;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int KEY_LENGTH = PREFIX.length() + KeyId.LENGTH + 1 + SECRET_LENGTH;

    private final SecureRandom random;
    /** Initialised once and only cloned: requests run on fresh virtual threads, so thread-locals would not last. */
    private final Mac prototype;

    public ApiKeySecrets(byte[] pepper, SecureRandom random) {
        this.random = random;
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(pepper.clone(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A key as its owner sees it: the id and a new secret. */
    public record PlainKey(KeyId id, String secret) {
        @Override
        public String toString() {
            return PREFIX + id.value() + "_" + secret;
        }
    }

    public PlainKey newKey(KeyId id) {
        char[] secret = new char[SECRET_LENGTH];
        for (int i = 0; i < SECRET_LENGTH; i++) {
            secret[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new PlainKey(id, new String(secret));
    }

    /** Splits a presented key into id and secret; empty when it does not have the shape of a Moat key. */
    public static Optional<PlainKey> parse(String presented) {
        if (presented == null || presented.length() != KEY_LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + KeyId.LENGTH) != '_') {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), PREFIX.length() + KeyId.LENGTH);
        if (!KeyId.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.of(new PlainKey(new KeyId(id), presented.substring(KEY_LENGTH - SECRET_LENGTH)));
    }

    /** The stored form of a secret: hex of its HMAC-SHA-256 under the pepper. */
    public String hash(String secret) {
        try {
            Mac mac = (Mac) prototype.clone();
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }

    /** Compares in time independent of where the two differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
