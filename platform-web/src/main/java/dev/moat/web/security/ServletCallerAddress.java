package dev.moat.web.security;

import dev.moat.security.CallerAddress;
import dev.moat.web.gateway.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The current HTTP request's client address, believing X-Forwarded-For only from trusted proxies. */
@RequestScoped
public class ServletCallerAddress implements CallerAddress {

    private final HttpServletRequest request;
    private final ClientAddress clientAddress;

    /** For CDI's client proxy only. */
    protected ServletCallerAddress() {
        this(null, null);
    }

    @Inject
    public ServletCallerAddress(HttpServletRequest request, ClientAddress clientAddress) {
        this.request = request;
        this.clientAddress = clientAddress;
    }

    @Override
    public Optional<String> current() {
        return Optional.of(clientAddress.of(request).getHostAddress());
    }
}
