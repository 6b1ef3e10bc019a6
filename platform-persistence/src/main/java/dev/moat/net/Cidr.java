package dev.moat.net;

import dev.moat.domain.DomainRuleViolation;
import java.net.InetAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network such as {@code 203.0.113.0/24}; a bare address is its own /32 or /128. */
public record Cidr(InetAddress network, int prefixLength) {

    /** The JDK also reads short forms such as {@code 10.1}; networks are written in full here. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new DomainRuleViolation("prefix length must be 0.." + bits + ", got " + prefixLength);
        }
        network = maskedTo(network, prefixLength);
    }

    /** Parses address literals only: never a DNS lookup. */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new DomainRuleViolation("an IP address or network must not be null");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        String literal = slash < 0 ? value : value.substring(0, slash);
        if (literal.indexOf(':') < 0 && !DOTTED_QUAD.matcher(literal).matches()) {
            throw new DomainRuleViolation("not an IP address or network: '" + value + "'");
        }
        try {
            InetAddress address = InetAddress.ofLiteral(literal);
            int bits = address.getAddress().length * 8;
            return new Cidr(address, slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new DomainRuleViolation("not an IP address or network: '" + value + "'");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] own = network.getAddress();
        if (candidate.length != own.length) {
            return false;
        }
        return maskedTo(address, prefixLength).equals(network);
    }

    private static InetAddress maskedTo(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
