package dev.moat.key;

import dev.moat.domain.DomainRuleViolation;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/** The public part of an API key ({@code moat_<keyId>_<secret>}): finds the key's record, proves nothing. */
public record KeyId(String value) {

    static final int LENGTH = 12;
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{" + LENGTH + "}");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    public KeyId {
        Objects.requireNonNull(value, "key id");
        if (!FORMAT.matcher(value).matches()) {
            throw new DomainRuleViolation("key id must be " + LENGTH + " lower-case letters or digits");
        }
    }

    public static KeyId random(SecureRandom random) {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new KeyId(new String(id));
    }

    /** Whether the text has the shape of a key id, without the cost of an exception. */
    public static boolean isWellFormed(CharSequence text) {
        return text.length() == LENGTH && FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
