package dev.moat.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moat.domain.DomainRuleViolation;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.114.1, false",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7, 203.0.113.8, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "203.0.113.0/24, 2001:db8::1, false"})
    void contains_exactly_the_addresses_of_the_network(String cidr, String address, boolean inside) throws Exception {
        assertEquals(inside, Cidr.parse(cidr).contains(InetAddress.ofLiteral(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "203.0.113.0/33", "203.0.113/24", "2001:db8::/129", "", "10.0.0.0/x"})
    void names_and_malformed_networks_are_refused_without_dns(String text) {
        assertThrows(DomainRuleViolation.class, () -> Cidr.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.7/24, 203.0.113.0/24", "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
    void the_network_is_normalised(String text, String normalised) {
        assertEquals(normalised, Cidr.parse(text).toString());
    }
}
