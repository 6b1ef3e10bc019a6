package dev.moat.domain;

/** A change based on a version of something that has changed since: the caller must read it again (412). */
public class StaleVersion extends RuntimeException {

    public StaleVersion(String subject, long expected, long current) {
        super(subject + " has changed since version " + expected + " (now " + current + "): read it again and retry");
    }
}
