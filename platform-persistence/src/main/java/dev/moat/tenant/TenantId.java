package dev.moat.tenant;

import dev.moat.domain.DomainRuleViolation;
import java.util.Objects;
import java.util.regex.Pattern;

/** A tenant's stable identifier: a lower-case slug such as {@code acme} or {@code acme-research}. */
public record TenantId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!SLUG.matcher(value).matches()) {
            throw new DomainRuleViolation(
                    "tenant id must be 1-63 lower-case letters, digits or inner hyphens, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
