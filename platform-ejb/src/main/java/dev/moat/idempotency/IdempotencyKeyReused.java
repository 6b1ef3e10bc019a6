package dev.moat.idempotency;

/** The caller sent a different request under an Idempotency-Key it had used before. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("This Idempotency-Key was used before for a different request; use a new key for a new request");
    }
}
