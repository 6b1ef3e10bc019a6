package dev.moat.incident;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.key.KeyId;
import dev.moat.net.Cidr;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/** Something a case is about, in a normalised form so that the same key or network is found across cases. */
@Embeddable
public record Observable(
        @Enumerated(EnumType.STRING) @Column(name = "kind", length = 20) Kind kind,
        @Column(name = "observed", length = 300) String value) {

    public enum Kind { API_KEY, CLIENT_ADDRESS, NETWORK, ASN, COUNTRY, CAMPAIGN }

    private static final Pattern ASN = Pattern.compile("(?i)(AS)?([0-9]{1,10})");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public Observable {
        if (kind == null || value == null || value.isBlank()) {
            throw new DomainRuleViolation("an observable needs a kind and a value");
        }
        value = normalised(kind, value.strip());
    }

    private static String normalised(Kind kind, String value) {
        return switch (kind) {
            case API_KEY -> new KeyId(value).value();
            case CLIENT_ADDRESS -> address(value);
            case NETWORK -> Cidr.parse(value).toString();
            case ASN -> {
                var match = ASN.matcher(value);
                if (!match.matches()) {
                    throw new DomainRuleViolation("not an AS number: '" + value + "' (for example AS16509)");
                }
                yield "AS" + Long.parseLong(match.group(2));
            }
            case COUNTRY -> {
                if (!COUNTRY.matcher(value).matches()) {
                    throw new DomainRuleViolation("not an ISO 3166 country code: '" + value + "'");
                }
                yield value.toUpperCase(Locale.ROOT);
            }
            case CAMPAIGN -> {
                if (!CAMPAIGN.matcher(value).matches()) {
                    throw new DomainRuleViolation("a campaign id is 1 to 100 letters, digits or . _ : -");
                }
                yield value;
            }
        };
    }

    private static String address(String value) {
        try {
            return InetAddress.ofLiteral(value).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new DomainRuleViolation("not an IP address: '" + value + "'");
        }
    }
}
