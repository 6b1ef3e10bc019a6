package dev.moat.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicEndpointsTest {

    @ParameterizedTest
    @CsvSource({
            "/health, true", "/health/ready, true", "/metrics, true", "/openapi, true",
            "/healthy, false", "/metricsx/a, false", "/, false", "/api/v1/whoami, false", "/tenants, false"})
    void only_the_operational_endpoints_need_no_sign_in(String path, boolean isPublic) {
        assertEquals(isPublic, PathRoutingMechanismHandler.isPublic(path));
    }
}
