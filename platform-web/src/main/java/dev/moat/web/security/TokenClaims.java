package dev.moat.web.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads Moat's caller from Keycloak-style claims: roles from {@code realm_access.roles}. */
final class TokenClaims {

    private static final Set<String> MOAT_ROLES =
            Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_OPERATOR, Role.AUDITOR, Role.TENANT_ADMIN);

    private TokenClaims() {
    }

    static MoatPrincipal toPrincipal(JWTClaimsSet claims) throws ParseException {
        String subject = claims.getSubject();
        String userName = claims.getStringClaim("preferred_username");
        return new MoatPrincipal(
                subject,
                userName != null ? userName : subject,
                claims.getStringClaim("name"),
                realmRoles(claims),
                claims.getStringClaim("tenant"));
    }

    /** Only Moat's own roles: the provider's defaults (offline_access and the like) mean nothing here. */
    static Set<String> realmRoles(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof List<?> roles)) {
            return Set.of();
        }
        return roles.stream()
                .map(String::valueOf)
                .filter(MOAT_ROLES::contains)
                .collect(Collectors.toUnmodifiableSet());
    }
}
