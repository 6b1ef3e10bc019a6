package dev.moat.watermarking;

import dev.moat.watermark.InvisibleMark;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The invisible mark's six bytes: a 16-bit tag of the tenant (SHA-256 of its id: found without trying every
 * tenant), a 24-bit tag of the key under the tenant's secret (so a mark cannot be forged for another key without
 * the secret), and the secret's version (low 8 bits).
 */
final class MarkPayload {

    private MarkPayload() {
    }

    static byte[] of(String tenantId, String keyId, byte[] secret, int version) {
        byte[] tenant = tenantTag(tenantId);
        byte[] key = keyTag(secret, keyId);
        return new byte[] {tenant[0], tenant[1], key[0], key[1], key[2], (byte) version};
    }

    static boolean isTenant(byte[] payload, String tenantId) {
        byte[] tenant = tenantTag(tenantId);
        return payload.length == InvisibleMark.PAYLOAD_BYTES && payload[0] == tenant[0] && payload[1] == tenant[1];
    }

    static boolean isKey(byte[] payload, String keyId, byte[] secret, int version) {
        byte[] key = keyTag(secret, keyId);
        return payload[2] == key[0] && payload[3] == key[1] && payload[4] == key[2] && payload[5] == (byte) version;
    }

    private static byte[] tenantTag(String tenantId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("moat-tenant:" + tenantId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] keyTag(byte[] secret, String keyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("moat-key:" + keyId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
