package dev.moat.domain;

/** Input that breaks a rule of the domain; the message is safe to show to the caller. */
public class DomainRuleViolation extends IllegalArgumentException {

    public DomainRuleViolation(String message) {
        super(message);
    }
}
