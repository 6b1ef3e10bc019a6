package dev.moat.web.gateway;

import dev.moat.net.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address: the socket's, or, when the socket belongs to a trusted proxy
 * ({@code MOAT_TRUSTED_PROXIES}, default loopback), the nearest untrusted address in {@code X-Forwarded-For}.
 */
@ApplicationScoped
public class ClientAddress {

    private final List<Cidr> trustedProxies;

    /** For CDI's client proxy only. */
    protected ClientAddress() {
        this.trustedProxies = List.of();
    }

    @Inject
    public ClientAddress(@ConfigProperty(name = "moat.trusted-proxies", defaultValue = "127.0.0.0/8,::1/128") String trusted) {
        this.trustedProxies = Arrays.stream(trusted.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList();
    }

    public InetAddress of(HttpServletRequest request) {
        return resolve(InetAddress.ofLiteral(request.getRemoteAddr()), request.getHeader("X-Forwarded-For"));
    }

    InetAddress resolve(InetAddress socket, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(socket)) {
            return socket;
        }
        InetAddress client = socket;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
            try {
                client = InetAddress.ofLiteral(hops[i].strip());
            } catch (IllegalArgumentException e) {
                return client; // a garbled hop: believe nothing further left
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
