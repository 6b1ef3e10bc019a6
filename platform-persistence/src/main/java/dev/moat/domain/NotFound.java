package dev.moat.domain;

/** The thing asked for does not exist (or is not the caller's to see); the message is safe to show. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
