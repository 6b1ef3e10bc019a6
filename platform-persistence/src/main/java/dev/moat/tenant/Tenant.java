package dev.moat.tenant;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.ratelimit.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** An organisation (or team) whose traffic goes through Moat to its own upstream model server. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    @Column(name = "id", length = 63)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "upstream_base_url", nullable = false, length = 2000)
    private String upstreamBaseUrl;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Embedded
    private Limits limits;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected Tenant() {
    }

    public Tenant(TenantId id, String name, URI upstreamBaseUrl, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id").value();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        rename(name);
        pointTo(upstreamBaseUrl);
    }

    public TenantId id() {
        return new TenantId(id);
    }

    public String name() {
        return name;
    }

    public URI upstreamBaseUrl() {
        return URI.create(upstreamBaseUrl);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public void rename(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new DomainRuleViolation("tenant name must not be blank");
        }
        this.name = newName.strip();
    }

    public void pointTo(URI newUpstreamBaseUrl) {
        Objects.requireNonNull(newUpstreamBaseUrl, "upstreamBaseUrl");
        String scheme = newUpstreamBaseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || newUpstreamBaseUrl.getHost() == null) {
            throw new DomainRuleViolation("upstream base URL must be an absolute http(s) URL, got '"
                    + newUpstreamBaseUrl + "'");
        }
        this.upstreamBaseUrl = newUpstreamBaseUrl.toString();
    }

    public Limits limits() {
        return Limits.orNone(limits);
    }

    public void limitTo(Limits newLimits) {
        this.limits = newLimits == null || newLimits.equals(Limits.NONE) ? null : newLimits;
    }
}
