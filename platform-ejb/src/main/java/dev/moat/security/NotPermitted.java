package dev.moat.security;

/** The caller is known but its roles do not allow this; the message is safe to show. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}
