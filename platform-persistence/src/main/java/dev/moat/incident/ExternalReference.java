package dev.moat.incident;

import dev.moat.domain.DomainRuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A ticket in another system that a case corresponds to, such as Jira's SEC-4711, with its address. */
@Embeddable
public record ExternalReference(
        @Column(name = "ref_system", length = 50) String system,
        @Column(name = "external_id", length = 200) String externalId,
        @Column(name = "url", length = 2000) String url) {

    private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

    public ExternalReference {
        system = system == null ? "" : system.strip().toLowerCase(Locale.ROOT);
        if (!SYSTEM.matcher(system).matches()) {
            throw new DomainRuleViolation("a ticket system is named by 1 to 50 letters, digits or . _ - (got '"
                    + system + "')");
        }
        externalId = externalId == null ? "" : externalId.strip();
        if (externalId.isEmpty() || externalId.length() > 200) {
            throw new DomainRuleViolation("an external id is 1 to 200 characters");
        }
        if (url != null && !url.isBlank()) {
            url = url.strip();
            try {
                URI parsed = new URI(url);
                if (!"https".equalsIgnoreCase(parsed.getScheme()) && !"http".equalsIgnoreCase(parsed.getScheme())) {
                    throw new DomainRuleViolation("a ticket URL is http or https, got '" + url + "'");
                }
            } catch (URISyntaxException e) {
                throw new DomainRuleViolation("not a URL: '" + url + "'");
            }
        } else {
            url = null;
        }
    }

    @Override
    public String toString() {
        return system + ":" + externalId;
    }
}
