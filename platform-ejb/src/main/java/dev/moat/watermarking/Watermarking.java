package dev.moat.watermarking;

import dev.moat.watermark.LexicalKey;
import dev.moat.watermark.Watermarker;

/**
 * How the gateway watermarks one key's answers: the lexical secret (null when that scheme is off) with its
 * version and strength, and the invisible mark's payload (null when off). Lives in the key's in-memory
 * snapshot; {@link #toString()} never shows the secret.
 */
public record Watermarking(String tenantId, String keyId, int secretVersion, byte[] secret, double strength,
                           byte[] markPayload) {

    /** A fresh watermarker for one answer (or one choice of it). */
    public Watermarker newWatermarker() {
        return new Watermarker(secret == null ? null : new LexicalKey(secret, strength), markPayload);
    }

    @Override
    public String toString() {
        return "Watermarking[" + tenantId + "/" + keyId + " v" + secretVersion + (secret == null ? "" : ", lexical")
                + (markPayload == null ? "" : ", invisible") + "]";
    }
}
