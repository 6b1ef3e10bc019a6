package dev.moat.incident;

/** An update based on a version of the case that someone else has changed since. */
public class StaleVersion extends RuntimeException {

    public StaleVersion(IncidentId id, long expected, long current) {
        super(id + " has changed since version " + expected + " (now " + current + "): read it again and retry");
    }
}
