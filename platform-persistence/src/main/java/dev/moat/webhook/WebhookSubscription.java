package dev.moat.webhook;

import dev.moat.domain.DomainRuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Where to send which events, and the (sealed) secret that signs them. Deleting keeps its delivery log. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "url", nullable = false, length = 2000)
    private String url;

    @Column(name = "event_types", nullable = false, length = 500)
    private String eventTypes;

    @Column(name = "secret_sealed", nullable = false, length = 500)
    private String secretSealed;

    @Column(name = "description", nullable = false, length = 300)
    private String description;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** For JPA only. */
    protected WebhookSubscription() {
    }

    public WebhookSubscription(String id, URI url, Collection<WebhookEventType> eventTypes, String secretSealed,
                               String description, String createdBy, Instant createdAt) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new DomainRuleViolation("a subscription needs at least one event type");
        }
        this.id = id;
        this.url = requireDeliverable(url).toString();
        this.eventTypes = eventTypes.stream().distinct().sorted().map(Enum::name).collect(Collectors.joining(","));
        this.secretSealed = secretSealed;
        this.description = description == null ? "" : description.strip();
        if (this.description.length() > 300) {
            throw new DomainRuleViolation("a description is at most 300 characters");
        }
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** Only absolute http or https URLs with a host, and no credentials in them (they would end up in logs). */
    public static URI requireDeliverable(URI url) {
        if (url == null || url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme().toLowerCase())
                || url.getHost() == null) {
            throw new DomainRuleViolation("a webhook URL must be an absolute http or https URL, got '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new DomainRuleViolation("a webhook URL must not carry credentials; receivers check the signature");
        }
        if (url.getRawFragment() != null) {
            throw new DomainRuleViolation("a webhook URL has no fragment");
        }
        return url;
    }

    public static URI parseUrl(String text) {
        try {
            return requireDeliverable(new URI(text == null ? "" : text.strip()));
        } catch (URISyntaxException e) {
            throw new DomainRuleViolation("not a URL: '" + text + "'");
        }
    }

    public void delete(Instant now) {
        this.deletedAt = now;
    }

    public boolean wants(WebhookEventType type) {
        return deletedAt == null && eventTypes().contains(type);
    }

    public String id() {
        return id;
    }

    public URI url() {
        return URI.create(url);
    }

    public Set<WebhookEventType> eventTypes() {
        return Arrays.stream(eventTypes.split(",")).map(WebhookEventType::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(WebhookEventType.class)));
    }

    public String secretSealed() {
        return secretSealed;
    }

    public String description() {
        return description;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
