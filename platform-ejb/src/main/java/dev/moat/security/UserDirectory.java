package dev.moat.security;

/** The identity provider's users, so that cases are assigned to people who exist. */
public interface UserDirectory {

    enum Answer { KNOWN, UNKNOWN, CANNOT_TELL }

    /** Whether the provider has a user with exactly this user name; CANNOT_TELL when it does not say. */
    Answer lookUp(String userName);
}
