package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress("127.0.0.0/8,::1/128,10.0.0.0/8");

    @ParameterizedTest(name = "socket {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "198.51.100.7|none|198.51.100.7",
            "198.51.100.7|203.0.113.9|198.51.100.7",
            "127.0.0.1|203.0.113.9|203.0.113.9",
            "127.0.0.1|203.0.113.9, 10.1.2.3|203.0.113.9",
            "127.0.0.1|192.0.2.1, 203.0.113.9, 10.1.2.3|203.0.113.9",
            "127.0.0.1|not-an-address, 10.1.2.3|10.1.2.3",
            "::1|2001:db8::7|2001:db8::7",
            "127.0.0.1|10.1.2.3|10.1.2.3"})
    void x_forwarded_for_is_believed_only_from_trusted_proxies(String socket, String forwardedFor, String client) {
        assertEquals(InetAddress.ofLiteral(client), addresses.resolve(InetAddress.ofLiteral(socket), forwardedFor));
    }
}
