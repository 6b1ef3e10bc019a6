package dev.moat.incident;

/** A status change the case workflow does not allow; the message says which moves are possible. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(IncidentStatus from, IncidentStatus to) {
        super("A case cannot move from " + from + " to " + to + "; from " + from + " it may move to " + from.next());
    }
}
