package dev.moat.security;

import dev.moat.domain.NotFound;
import dev.moat.tenant.TenantId;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in caller, whether an operator in the console or a ticketing system with a bearer token.
 * The name is the user name (Keycloak's {@code preferred_username}), so audit trails read naturally.
 */
public final class MoatPrincipal extends CallerPrincipal {

    private final String subject;
    private final String displayName;
    private final Set<String> roles;
    private final String tenant;

    public MoatPrincipal(String subject, String userName, String displayName, Set<String> roles, String tenant) {
        super(Objects.requireNonNull(userName, "userName"));
        this.subject = Objects.requireNonNull(subject, "subject");
        this.displayName = displayName == null || displayName.isBlank() ? userName : displayName;
        this.roles = Set.copyOf(roles);
        this.tenant = tenant;
    }

    public String subject() {
        return subject;
    }

    public String userName() {
        return getName();
    }

    public String displayName() {
        return displayName;
    }

    public Set<String> roles() {
        return roles;
    }

    /** Whether this caller may see the tenant's data: platform-wide roles see every tenant. */
    public boolean maySee(String tenantId) {
        return tenant == null || tenant.equals(tenantId);
    }

    /**
     * The tenant, when this caller may see it.
     *
     * @throws NotFound otherwise: to a tenant admin, other tenants do not exist
     */
    public TenantId requireVisible(String tenantId) {
        if (!maySee(tenantId)) {
            throw new NotFound("No tenant '" + tenantId + "'");
        }
        return new TenantId(tenantId);
    }

    /**
     * This caller, when it has one of the roles.
     *
     * @throws NotPermitted otherwise, with the refusal as its message
     */
    public MoatPrincipal requireOneOf(Set<String> allowedRoles, String refusal) {
        if (!hasOneOf(allowedRoles)) {
            throw new NotPermitted(refusal);
        }
        return this;
    }

    public boolean hasOneOf(Set<String> someRoles) {
        return someRoles.stream().anyMatch(roles::contains);
    }

    /** The one tenant a tenant admin may see; empty for platform-wide roles. */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }
}
