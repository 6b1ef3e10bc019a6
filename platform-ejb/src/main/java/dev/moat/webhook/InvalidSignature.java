package dev.moat.webhook;

/** An inbound message whose Standard Webhooks signature is missing, wrong, stale or not from a subscriber. */
public class InvalidSignature extends RuntimeException {

    public InvalidSignature(String message) {
        super(message);
    }
}
