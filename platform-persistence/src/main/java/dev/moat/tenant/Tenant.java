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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An organisation (or team) whose traffic goes through Moat to its own upstream model server. */
@Entity
@Table(name = "tenant")
public class Tenant {

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(30);
    /** The columns' sizes. */
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_PORT = 65_535;

    @Id
    @Column(name = "id", length = 63)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "upstream_base_url", nullable = false, length = 2000)
    private String upstreamBaseUrl;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "upstream_api_key_sealed", length = 2000)
    private String upstreamApiKeySealed;

    @Column(name = "upstream_connect_timeout_ms")
    private Integer upstreamConnectTimeoutMillis;

    @Column(name = "upstream_read_timeout_ms")
    private Integer upstreamReadTimeoutMillis;

    @Column(name = "require_request_signing", nullable = false)
    private boolean requireRequestSigning;

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

    public void rename(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new DomainRuleViolation("tenant name must not be blank");
        }
        if (newName.strip().length() > MAX_NAME_LENGTH) {
            throw new DomainRuleViolation("tenant name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        this.name = newName.strip();
    }

    /**
     * Stored without a trailing slash, so that the gateway appends {@code /chat/completions} and the like. Credentials
     * belong in the sealed upstream API key: a URL is shown, audited and logged, so one with user info is refused
     * without being repeated in the message.
     */
    public void pointTo(URI newUpstreamBaseUrl) {
        Objects.requireNonNull(newUpstreamBaseUrl, "upstreamBaseUrl");
        String authority = newUpstreamBaseUrl.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw new DomainRuleViolation("upstream base URL must not contain credentials; give the model server's "
                    + "key as upstreamApiKey, which Moat keeps sealed");
        }
        if (newUpstreamBaseUrl.toString().length() > MAX_URL_LENGTH) {
            throw new DomainRuleViolation("upstream base URL must be at most " + MAX_URL_LENGTH + " characters");
        }
        String scheme = Objects.requireNonNullElse(newUpstreamBaseUrl.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || newUpstreamBaseUrl.getHost() == null) {
            throw new DomainRuleViolation("upstream base URL must be an absolute http(s) URL, got '"
                    + newUpstreamBaseUrl + "'");
        }
        int port = newUpstreamBaseUrl.getPort();
        if (port == 0 || port > MAX_PORT) {
            throw new DomainRuleViolation("upstream base URL's port must be 1 to 65535, got " + port);
        }
        if (newUpstreamBaseUrl.getRawQuery() != null || newUpstreamBaseUrl.getRawFragment() != null) {
            throw new DomainRuleViolation("upstream base URL must not have a query or a fragment, got '"
                    + newUpstreamBaseUrl + "'");
        }
        this.upstreamBaseUrl = scheme + newUpstreamBaseUrl.toString().substring(scheme.length()).replaceFirst("/+$", "");
    }

    public Limits limits() {
        return Limits.orNone(limits);
    }

    public void limitTo(Limits newLimits) {
        this.limits = newLimits == null || newLimits.equals(Limits.NONE) ? null : newLimits;
    }

    /** The upstream API key as sealed by Moat; never the clear text. */
    public Optional<String> sealedUpstreamApiKey() {
        return Optional.ofNullable(upstreamApiKeySealed);
    }

    /** @param sealed the sealed key, or {@code null} for an upstream that needs none */
    public void useSealedUpstreamApiKey(String sealed) {
        this.upstreamApiKeySealed = sealed;
    }

    /** Empty: the gateway's default. */
    public Optional<Duration> upstreamConnectTimeout() {
        return Optional.ofNullable(upstreamConnectTimeoutMillis).map(Duration::ofMillis);
    }

    /** Until the upstream's response headers arrive; empty: the gateway's default. */
    public Optional<Duration> upstreamReadTimeout() {
        return Optional.ofNullable(upstreamReadTimeoutMillis).map(Duration::ofMillis);
    }

    /** {@code null} for either: back to the gateway's default. */
    public void timeOutAfter(Duration connect, Duration read) {
        this.upstreamConnectTimeoutMillis = millis(connect, "connect");
        this.upstreamReadTimeoutMillis = millis(read, "read");
    }

    private static Integer millis(Duration timeout, String name) {
        if (timeout == null) {
            return null;
        }
        if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new DomainRuleViolation("upstream " + name + " timeout must be 1 ms to 30 min, got " + timeout);
        }
        return (int) timeout.toMillis();
    }

    /** Whether every gateway request must also carry a signature made with the key's signing secret. */
    public boolean requiresRequestSigning() {
        return requireRequestSigning;
    }

    public void requireRequestSigning(boolean required) {
        this.requireRequestSigning = required;
    }
}
