package dev.moat.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands. Cases move forward through the workflow; any open case may be resolved at once (a false
 * positive needs no containment); resolved and closed cases may be reopened for more investigation.
 */
public enum IncidentStatus {
    NEW, TRIAGED, INVESTIGATING, CONTAINED, RESOLVED, CLOSED;

    /** The statuses a case in this one may move to. */
    public Set<IncidentStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(TRIAGED, RESOLVED);
            case TRIAGED -> EnumSet.of(INVESTIGATING, RESOLVED);
            case INVESTIGATING -> EnumSet.of(CONTAINED, RESOLVED);
            case CONTAINED -> EnumSet.of(RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, INVESTIGATING);
            case CLOSED -> EnumSet.of(INVESTIGATING);
        };
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
