package dev.moat.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.domain.DomainRuleViolation;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseIndexTest {

    private final CaseIndex index = new CaseIndex(new ByteBuffersDirectory());

    CaseIndexTest() {
        index.put(new CaseDocument("MOAT-1", "acme", "Reasoning traces harvested",
                "Prompts ask to write out the internal reasoning step by step", "NEW → TRIAGED\nseen in SEC-4711",
                "reasoning-trace elicitation\n3 of 5 requests", "3kq9x0abcd12 AS16509"));
        index.put(new CaseDocument("MOAT-2", "globex", "Logprob harvesting", "top_logprobs=20 on every request",
                "comment: <script>alert(1)</script> trace of a scraper", "", "203.0.113.0/24"));
        index.refresh();
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String query, String tenant) {
        return index.search(query, tenant, 10).stream().map(CaseIndex.Hit::caseId).toList();
    }

    @Test
    void finds_words_in_any_field_with_english_stemming_best_match_first() {
        assertEquals(List.of("MOAT-1"), ids("reasoning", null));
        assertEquals(List.of("MOAT-1", "MOAT-2"), ids("trace", null), "traces, trace-elicitation, trace");
        assertEquals(List.of("MOAT-1"), ids("SEC-4711", null), "comments and changes are searched too");
        assertEquals(List.of("MOAT-1"), ids("3kq9x0abcd12", null), "observables are searched too");
        assertEquals(List.of("MOAT-2"), ids("\"top_logprobs 20\"", null));
    }

    @Test
    void a_tenant_sees_only_its_own_cases() {
        assertEquals(List.of("MOAT-2"), ids("trace", "globex"));
        assertEquals(List.of(), ids("reasoning", "globex"));
    }

    @Test
    void highlights_mark_the_match_and_escape_everything_else() {
        CaseIndex.Hit hit = index.search("scraper", null, 10).getFirst();

        String fragment = hit.highlights().get("timeline");
        assertTrue(fragment.contains("<mark>scraper</mark>"), fragment);
        assertTrue(fragment.contains("&lt;script&gt;"), fragment);
        assertFalse(fragment.contains("<script>"), fragment);
    }

    @Test
    void putting_a_case_again_replaces_it() {
        index.put(new CaseDocument("MOAT-1", "acme", "Renamed case", "", "", "", ""));
        index.refresh();

        assertEquals(2, index.size());
        assertEquals(List.of(), ids("reasoning", null));
        assertEquals(List.of("MOAT-1"), ids("renamed", null));
    }

    @Test
    void a_query_that_cannot_be_read_is_a_clear_error() {
        assertThrows(DomainRuleViolation.class, () -> index.search("\"unclosed", null, 10));
        assertThrows(DomainRuleViolation.class, () -> index.search("  ", null, 10));
    }
}
