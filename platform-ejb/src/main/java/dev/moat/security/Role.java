package dev.moat.security;

import java.util.Set;

/** The realm roles of CONTRACT.md, as used in {@code @RolesAllowed} and by the console. */
public final class Role {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String SECURITY_OPERATOR = "security-operator";
    public static final String AUDITOR = "auditor";
    public static final String TENANT_ADMIN = "tenant-admin";

    /** Who works cases, webhooks and containment. */
    public static final Set<String> OPERATORS = Set.of(PLATFORM_ADMIN, SECURITY_OPERATOR);

    private Role() {
    }
}
