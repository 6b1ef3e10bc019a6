package dev.moat.audit;

/**
 * Walks the audit chain in order and finds the first place where it was tampered with: an entry whose content
 * no longer gives its hash, an entry that does not follow its predecessor's hash, a gap in the positions, or a
 * chain that ends before the head says it does.
 */
public final class AuditChainCheck {

    /** What the walk found: intact, or the first broken position and why. */
    public record Verdict(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
    }

    private long expectedSeq = 1;
    private String expectedPrevious = AuditEntry.GENESIS;
    private long checked;
    private Verdict broken;

    /** Takes the next entry in chain order; false once the chain is found broken. */
    public boolean accept(AuditEntry entry) {
        if (broken != null) {
            return false;
        }
        if (entry.seq() != expectedSeq) {
            return fail(expectedSeq, "entry " + expectedSeq + " is missing");
        }
        if (!entry.previousHash().equals(expectedPrevious)) {
            return fail(entry.seq(), "entry " + entry.seq() + " does not follow the hash of the entry before it");
        }
        if (!entry.computedHash().equals(entry.hash())) {
            return fail(entry.seq(), "entry " + entry.seq() + " was changed after it was written");
        }
        checked++;
        expectedSeq = entry.seq() + 1;
        expectedPrevious = entry.hash();
        return true;
    }

    /** The verdict, given where the head says the chain ends. */
    public Verdict finish(long headSeq, String headHash) {
        if (broken != null) {
            return broken;
        }
        if (headSeq != expectedSeq - 1 || !headHash.equals(expectedPrevious)) {
            return new Verdict(false, checked, expectedSeq, "the chain ends at entry " + (expectedSeq - 1)
                    + " but its head says " + headSeq + ": entries were removed or the head was changed");
        }
        return new Verdict(true, checked, null, null);
    }

    public long nextSeq() {
        return expectedSeq;
    }

    private boolean fail(long seq, String problem) {
        broken = new Verdict(false, checked, seq, problem);
        return false;
    }
}
