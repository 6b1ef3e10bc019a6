package dev.moat.watermarking;

import dev.moat.watermark.LexicalKey;
import dev.moat.watermark.Watermarker;

/**
 * How the gateway watermarks one key's answers: the lexical key (null when that scheme is off; a prototype, only
 * ever copied, since it is not thread-safe) with its secret version, and the invisible mark's payload (null when
 * off). Lives in the key's in-memory snapshot; {@link #toString()} never shows the secret.
 */
public record Watermarking(String tenantId, String keyId, int secretVersion, LexicalKey lexicalKey,
                           byte[] markPayload) {

    /** A fresh watermarker for one answer (or one choice of it). */
    public Watermarker newWatermarker() {
        return new Watermarker(lexicalKey == null ? null : lexicalKey.copy(), markPayload);
    }

    @Override
    public String toString() {
        return "Watermarking[" + tenantId + "/" + keyId + " v" + secretVersion
                + (lexicalKey == null ? "" : ", lexical") + (markPayload == null ? "" : ", invisible") + "]";
    }
}
