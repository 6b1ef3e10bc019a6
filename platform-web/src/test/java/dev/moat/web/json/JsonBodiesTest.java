package dev.moat.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.moat.ratelimit.Limits;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void limits_are_read_exactly_and_absent_or_null_fields_mean_no_limit() {
        assertEquals(new Limits(60L, null, 9_000_000_000L),
                JsonBodies.limits(JsonBodies.object("{\"requestsPerMinute\": 60.0, \"tokensPerMinute\": null, "
                        + "\"tokensPerDay\": 9000000000}")));
        assertNull(JsonBodies.whole(JsonBodies.object("{}"), "requestsPerMinute"));
    }

    // Refusals are BadRequestExceptions, which need a JAX-RS runtime to be built: GatewayIT sends 10.5 and
    // 18446744073709551626 as limits and timeouts.
}
