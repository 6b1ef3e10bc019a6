package dev.moat.key;

/** What an API key is good for now; {@code EXPIRED} follows from its expiry time and is never stored. */
public enum KeyStatus {
    ACTIVE, REVOKED, EXPIRED
}
