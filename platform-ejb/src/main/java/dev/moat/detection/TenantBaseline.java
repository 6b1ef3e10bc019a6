package dev.moat.detection;

/**
 * A tenant's benign baseline: how much its settled keys that nothing is suspected of send single questions
 * rather than conversations. A key sweeping over tasks in a tenant whose keys hold conversations stands out from
 * its own tenant, as an attacker mixed into a tenant's legitimate traffic does. Used by the detection thread only.
 */
final class TenantBaseline {

    /** A key counts once it has sent this many requests: before, its shares say little. */
    static final long SETTLED_REQUESTS = 20;
    /** Fewer other keys than this are no baseline. */
    static final int MIN_KEYS = 5;

    private int keys;
    private double singleTurnSum;

    /** Replaces one key's contribution (its single-turn share, NaN for none) with another. */
    void replace(double before, double after) {
        if (!Double.isNaN(before)) {
            keys--;
            singleTurnSum -= before;
        }
        if (!Double.isNaN(after)) {
            keys++;
            singleTurnSum += after;
        }
    }

    /** The mean single-turn share of the tenant's other keys (without {@code own}, NaN for none); NaN when too few. */
    double singleTurnWithout(double own) {
        int others = Double.isNaN(own) ? keys : keys - 1;
        double sum = Double.isNaN(own) ? singleTurnSum : singleTurnSum - own;
        return others < MIN_KEYS ? Double.NaN : sum / others;
    }
}
