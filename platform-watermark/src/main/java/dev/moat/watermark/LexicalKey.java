package dev.moat.watermark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of a tenant's watermark secret and the keyed choice it makes: for a synonym group in a context
 * (the word before), HMAC-SHA-256 picks the variant to write and whether the position is marked at all
 * ({@code strength}, the share of positions marked). Not thread-safe (it holds a {@link Mac}): one per walk;
 * {@link #copy()} makes another without the cost of setting the key up again.
 */
public final class LexicalKey {

    private static final double TWO_TO_24 = 1 << 24;

    private final Mac mac;
    private final double strength;

    public LexicalKey(byte[] secret, double strength) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a watermark secret has at least 128 bits");
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength is a share of positions in (0, 1], got " + strength);
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        this.strength = strength;
    }

    private LexicalKey(Mac mac, double strength) {
        this.mac = mac;
        this.strength = strength;
    }

    /** An independent copy, for another thread or another answer. */
    public LexicalKey copy() {
        try {
            return new LexicalKey((Mac) mac.clone(), strength);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }

    /** The keyed hash of a position (its context and group), from which {@link #pick} and {@link #tag} read. */
    long hash(String context, Lexicon.Group group) {
        mac.update(context.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(group.id().getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = hash << 8 | (digest[i] & 0xFF);
        }
        return hash;
    }

    /** The variant the key writes at the position of this hash, or -1 where the key leaves the position alone. */
    int pick(long hash, Lexicon.Group group) {
        if ((hash >>> 40) / TWO_TO_24 >= strength) {
            return -1;
        }
        return (int) Long.remainderUnsigned(hash & 0xFF_FFFF_FFFFL, group.variants());
    }

    /** A 32-bit tag of the position, recorded for the "known outputs" check; meaningless without the key. */
    static int tag(long hash) {
        return (int) (hash >>> 8);
    }

    @Override
    public String toString() {
        return "LexicalKey[strength " + strength + "]";
    }
}
