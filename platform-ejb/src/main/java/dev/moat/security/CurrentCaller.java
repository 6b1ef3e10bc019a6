package dev.moat.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** Who makes the current request, as sign-in or bearer-token validation established it. */
@RequestScoped
public class CurrentCaller {

    private final SecurityContext securityContext;

    /** For CDI's client proxy only. */
    protected CurrentCaller() {
        this(null);
    }

    @Inject
    public CurrentCaller(SecurityContext securityContext) {
        this.securityContext = securityContext;
    }

    /** @throws IllegalStateException on a request nobody authenticated (callers sit behind the constraint) */
    public MoatPrincipal principal() {
        return securityContext.getPrincipalsByType(MoatPrincipal.class).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No authenticated Moat caller on this request"));
    }
}
