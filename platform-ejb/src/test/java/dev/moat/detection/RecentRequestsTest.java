package dev.moat.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moat.inspection.DistillationRules;
import dev.moat.inspection.Inspector;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Verdict;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each key keeps its own last requests: a busy key neither pushes out a quiet one's nor keeps more than its share. */
class RecentRequestsTest {

    private static final RequestContext ANY = RequestContext.of("m",
            List.of(new RequestContext.Message("user", "any")), null, false, null, null, null);
    private static final Verdict ALLOWED = Inspector.inspect(ANY, DistillationRules.pack());

    private final RecentRequests recent = new RecentRequests();

    @Test
    void a_key_keeps_its_last_requests_oldest_first_up_to_its_share() {
        for (int i = 0; i < RecentRequests.PER_KEY + 20; i++) {
            recent.add(seen("busy", "question " + i));
        }
        List<Observation> all = recent.ofKey("busy", Integer.MAX_VALUE);
        assertEquals(RecentRequests.PER_KEY, all.size());
        assertEquals("question 20", all.getFirst().request().userText());
        assertEquals(List.of("question 518", "question 519"), texts(recent.ofKey("busy", 2)));
    }

    @Test
    void a_busy_key_does_not_push_out_a_quiet_keys_requests() {
        recent.add(seen("quiet", "the one question"));
        for (int i = 0; i < RecentRequests.CAPACITY; i++) {
            recent.add(seen("busy", "question " + i));
        }
        assertEquals(List.of("the one question"), texts(recent.ofKey("quiet", 50)));
        assertEquals(List.of(), recent.ofKey("never-seen", 50));
    }

    @Test
    void beyond_the_capacity_the_least_recently_active_keys_are_forgotten_first() {
        int keys = RecentRequests.CAPACITY / RecentRequests.PER_KEY;
        for (int k = 0; k <= keys; k++) {
            for (int i = 0; i < RecentRequests.PER_KEY; i++) {
                recent.add(seen("key" + k, "question " + i));
            }
        }
        assertEquals(0, recent.ofKey("key0", 10).size(), "the first key, the least recently active, is forgotten");
        assertEquals(10, recent.ofKey("key1", 10).size());
        assertEquals(10, recent.ofKey("key" + keys, 10).size());
    }

    private static List<String> texts(List<Observation> seen) {
        return seen.stream().map(o -> o.request().userText()).toList();
    }

    private static Observation seen(String keyId, String prompt) {
        RequestContext request = RequestContext.of("m", List.of(new RequestContext.Message("user", prompt)), null,
                false, null, null, null);
        return new Observation(Instant.parse("2026-11-27T15:00:00Z"), "acme", keyId,
                InetAddress.ofLiteral("203.0.113.7"), ClientFingerprint.NONE, "DE", request,
                ALLOWED, 10, 100, 50, false);
    }
}
