package dev.moat.key;

import dev.moat.geo.GeoRules;
import dev.moat.net.Cidr;
import dev.moat.ratelimit.Limits;
import dev.moat.tenant.Tenant;
import dev.moat.watermarking.Watermarking;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the gateway needs to know about a key on every request, read once from the database and then kept
 * in memory until the key changes. {@code watermarking} is null when the key's answers are not watermarked;
 * {@code ownWorkload}: an operator declared the key the tenant's own workload (see {@code ApiKey.ownWorkload}).
 */
public record KeySnapshot(KeyId id, String tenantId, Upstream upstream, KeyStatus storedStatus, Instant expiresAt,
                          String secretHash, String previousSecretHash, Instant previousSecretValidUntil,
                          Set<String> allowedModels, List<Cidr> ipAllowList, Limits keyLimits,
                          Limits tenantLimits, GeoRules geoRules, List<Cidr> deniedNetworks, boolean signingRequired,
                          String signingSecret, Watermarking watermarking, boolean ownWorkload) {

    /** Names the key, never its secrets. */
    @Override
    public String toString() {
        return "KeySnapshot[" + id + " of " + tenantId + "]";
    }

    /**
     * Where and how the gateway reaches the tenant's model server: the clear upstream key lives only here,
     * in memory, never in logs ({@link #toString()} masks it).
     */
    public record Upstream(URI baseUrl, String authorization, Duration connectTimeout, Duration readTimeout) {
        @Override
        public String toString() {
            return "Upstream[" + baseUrl + (authorization == null ? "" : ", with key") + "]";
        }
    }

    public boolean isUsableAt(Instant now) {
        return storedStatus == KeyStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean allowsModel(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }

    public boolean allowsAddress(InetAddress client) {
        if (ipAllowList.isEmpty()) {
            return true;
        }
        for (Cidr network : ipAllowList) {
            if (network.contains(client)) {
                return true;
            }
        }
        return false;
    }

    static KeySnapshot of(ApiKey key, Tenant tenant, String upstreamApiKey, String signingSecret, GeoRules geoRules,
                          Watermarking watermarking, Instant now) {
        Upstream upstream = new Upstream(tenant.upstreamBaseUrl(), upstreamApiKey == null ? null : "Bearer " + upstreamApiKey,
                tenant.upstreamConnectTimeout().orElse(null), tenant.upstreamReadTimeout().orElse(null));
        return new KeySnapshot(key.id(), key.tenant().value(), upstream,
                key.revokedAt().isPresent() ? KeyStatus.REVOKED : KeyStatus.ACTIVE, key.expiresAt().orElse(null),
                key.secretHash(), key.previousSecretHash(now).orElse(null), key.previousSecretValidUntil().orElse(null),
                Set.copyOf(key.allowedModels()), key.ipAllowList(), key.limits(), tenant.limits(),
                geoRules, geoRules.deniedRanges(), tenant.requiresRequestSigning(), signingSecret, watermarking,
                key.ownWorkload().isPresent());
    }
}
