package dev.moat.key;

/** Fired when a key is issued, rotated or revoked; observed after commit to drop cached copies. */
public record KeyChanged(KeyId id) {
}
