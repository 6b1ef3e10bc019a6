package dev.moat.web.key;

import dev.moat.key.ApiKey;
import dev.moat.net.Cidr;
import dev.moat.ratelimit.Limits;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import dev.moat.usage.UsageService;
import java.time.Instant;
import java.util.List;

/**
 * An API key as the REST API shows it: never its secret or hashes. {@code ownWorkload}: why an operator declared
 * it the tenant's own workload, or null (always null for a tenant admin: see {@link #seenBy}).
 */
public record KeyView(String id, String tenantId, String name, String status, List<String> allowedModels,
                      List<String> ipAllowList, Instant expiresAt, Instant revokedAt, Instant rotatedAt,
                      Instant previousSecretValidUntil, Limits limits, String createdBy, Instant createdAt,
                      UsageService.LastUse lastUse, String ownWorkload) {

    static KeyView of(ApiKey key, Instant now) {
        return of(key, now, null);
    }

    static KeyView of(ApiKey key, Instant now, UsageService.LastUse lastUse) {
        return new KeyView(key.id().value(), key.tenant().value(), key.name(), key.status(now).name().toLowerCase(),
                key.allowedModels(), key.ipAllowList().stream().map(Cidr::toString).toList(),
                key.expiresAt().orElse(null), key.revokedAt().orElse(null), key.rotatedAt().orElse(null),
                key.previousSecretHash(now).isPresent() ? key.previousSecretValidUntil().orElse(null) : null,
                key.limits(), key.createdBy(), key.createdAt(), lastUse, key.ownWorkload().orElse(null));
    }

    /** The view for this caller: without {@code ownWorkload} unless it is one of {@link Role#OWN_WORKLOAD_READERS}. */
    KeyView seenBy(MoatPrincipal caller) {
        if (ownWorkload == null || caller.hasOneOf(Role.OWN_WORKLOAD_READERS)) {
            return this;
        }
        return new KeyView(id, tenantId, name, status, allowedModels, ipAllowList, expiresAt, revokedAt, rotatedAt,
                previousSecretValidUntil, limits, createdBy, createdAt, lastUse, null);
    }

    /**
     * The answer to creating or rotating a key: the only time its full text is shown, and, on creation, its
     * request-signing secret.
     */
    public record Issued(String key, String signingSecret, KeyView details) {
    }
}
