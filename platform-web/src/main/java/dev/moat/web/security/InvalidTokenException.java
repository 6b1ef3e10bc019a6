package dev.moat.web.security;

/** A bearer or ID token that Moat does not accept; the message says why, without the token itself. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
