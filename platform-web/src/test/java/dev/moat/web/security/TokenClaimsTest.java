package dev.moat.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.moat.security.MoatPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    @Test
    void roles_come_from_realm_access_and_only_moat_roles_count() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("0576403b")
                .claim("preferred_username", "dave")
                .claim("name", "Dave Tenant")
                .claim("tenant", "acme")
                .claim("realm_access", Map.of("roles", List.of("tenant-admin", "offline_access", "default-roles-moat")))
                .build();

        MoatPrincipal dave = TokenClaims.toPrincipal(claims);

        assertEquals("dave", dave.userName());
        assertEquals("Dave Tenant", dave.displayName());
        assertEquals(Set.of("tenant-admin"), dave.roles());
        assertEquals(Optional.of("acme"), dave.tenant());
    }

    @Test
    void a_token_without_realm_roles_grants_none() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s").claim("groups", List.of("platform-admin")).build();

        MoatPrincipal caller = TokenClaims.toPrincipal(claims);

        assertTrue(caller.roles().isEmpty(), "a flat groups claim alone must not grant Moat roles");
        assertEquals("s", caller.userName(), "without preferred_username the subject names the caller");
    }
}
