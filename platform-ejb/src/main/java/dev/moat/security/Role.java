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
    /**
     * Who may know which keys are declared their tenant's own workload (and so never reported): the model's
     * operators and auditors, never a tenant, who would then know which key to distil through.
     */
    public static final Set<String> OWN_WORKLOAD_READERS = Set.of(PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR);

    private Role() {
    }
}
