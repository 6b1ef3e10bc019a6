package dev.moat.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainCheckTest {

    private static List<AuditEntry> chainOf(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        String previous = AuditEntry.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditEntry entry = new AuditEntry(seq, previous, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(seq),
                    "alice", "192.0.2.1", "key.revoked", "key:abcdefghij1" + seq, "acme", "{\"status\":\"active\"}",
                    "{\"status\":\"revoked\"}");
            chain.add(entry);
            previous = entry.hash();
        }
        return chain;
    }

    private static AuditChainCheck.Verdict check(List<AuditEntry> entries, long headSeq, String headHash) {
        AuditChainCheck check = new AuditChainCheck();
        entries.forEach(check::accept);
        return check.finish(headSeq, headHash);
    }

    @Test
    void an_untouched_chain_is_intact() {
        List<AuditEntry> chain = chainOf(3);

        AuditChainCheck.Verdict verdict = check(chain, 3, chain.getLast().hash());

        assertTrue(verdict.intact());
        assertEquals(3, verdict.entriesChecked());
    }

    @Test
    void an_entry_edited_in_the_database_is_found() throws Exception {
        List<AuditEntry> chain = chainOf(3);
        Field after = AuditEntry.class.getDeclaredField("after");
        after.setAccessible(true);
        after.set(chain.get(1), "{\"status\":\"active\"}");

        AuditChainCheck.Verdict verdict = check(chain, 3, chain.getLast().hash());

        assertFalse(verdict.intact());
        assertEquals(2L, verdict.firstBrokenSeq());
        assertTrue(verdict.problem().contains("changed"), verdict.problem());
    }

    @Test
    void a_removed_entry_is_found_in_the_middle_and_at_the_end() {
        List<AuditEntry> chain = chainOf(3);

        AuditChainCheck.Verdict middle = check(List.of(chain.get(0), chain.get(2)), 3, chain.getLast().hash());
        AuditChainCheck.Verdict end = check(chain.subList(0, 2), 3, chain.getLast().hash());

        assertEquals(2L, middle.firstBrokenSeq());
        assertFalse(end.intact());
        assertTrue(end.problem().contains("removed"), end.problem());
    }

    @Test
    void a_rewritten_chain_that_keeps_its_own_hashes_still_breaks_at_the_first_rewritten_link() {
        List<AuditEntry> original = chainOf(3);
        AuditEntry forged = new AuditEntry(2, "f".repeat(64), original.get(1).occurredAt(), "mallory", null,
                "key.revoked", "key:abcdefghij12", "acme", null, null);

        AuditChainCheck.Verdict verdict = check(List.of(original.get(0), forged, original.get(2)), 3,
                original.getLast().hash());

        assertEquals(2L, verdict.firstBrokenSeq());
    }
}
