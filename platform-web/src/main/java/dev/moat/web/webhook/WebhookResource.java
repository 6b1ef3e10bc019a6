package dev.moat.web.webhook;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import dev.moat.webhook.WebhookDelivery;
import dev.moat.webhook.WebhookEventType;
import dev.moat.webhook.WebhookService;
import dev.moat.webhook.WebhookService.IssuedSubscription;
import dev.moat.webhook.WebhookSubscription;
import dev.moat.domain.Sha256;
import dev.moat.web.json.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Outbound webhook subscriptions and their delivery logs. */
@Path("/v1/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService webhooks;

    /** For CDI's client proxy only. */
    protected WebhookResource() {
        this(null);
    }

    @Inject
    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public record SubscriptionView(String id, String url, List<String> eventTypes, String description,
                                   String createdBy, Instant createdAt) {
        static SubscriptionView of(WebhookSubscription subscription) {
            return new SubscriptionView(subscription.id(), subscription.url().toString(),
                    subscription.eventTypes().stream().map(WebhookEventType::wireName).toList(),
                    subscription.description(), subscription.createdBy(), subscription.createdAt());
        }
    }

    /** The answer to subscribing: the only time the signing secret is shown. */
    public record Subscribed(SubscriptionView subscription, String secret) {
    }

    public record DeliveryView(String id, String eventType, String status, int attempts, Instant createdAt,
                               Instant lastAttemptAt, Integer lastResponseStatus, String lastError,
                               Instant nextAttemptAt) {
        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventType().wireName(),
                    delivery.status().name().toLowerCase(), delivery.attempts(), delivery.createdAt(),
                    delivery.lastAttemptAt(), delivery.lastResponseStatus(), delivery.lastError(),
                    delivery.nextAttemptAt());
        }
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "List webhook subscriptions", description = "Never their secrets.")
    public List<SubscriptionView> list() {
        return webhooks.subscriptions().stream().map(SubscriptionView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Subscribe to events", description = "url: http or https, no credentials in it; "
            + "eventTypes: incident.created, incident.updated, incident.status_changed, incident.commented, "
            + "detection.raised. The answer holds the whsec_ signing secret once. Deliveries are signed per the "
            + "Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature) and retried "
            + "with backoff for over 24 hours.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "jira",
            value = "{\"url\": \"https://jira.example.com/hooks/moat\", \"eventTypes\": [\"incident.created\", "
                    + "\"incident.status_changed\"], \"description\": \"Security board\"}")))
    public Response subscribe(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JsonObject json = JsonBodies.object(body);
        URI url = WebhookSubscription.parseUrl(JsonBodies.text(json, "url"));
        IssuedSubscription issued = webhooks.subscribe(url, eventTypes(json), JsonBodies.text(json, "description"),
                idempotencyKey, Sha256.hex(body));
        return Response.created(URI.create("/api/v1/webhooks/" + issued.subscription().id()))
                .entity(new Subscribed(SubscriptionView.of(issued.subscription()), issued.secret())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Delete a subscription", description = "Pending deliveries are cancelled; the log stays.")
    public Response delete(@PathParam("id") String id) {
        webhooks.unsubscribe(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
    @Operation(summary = "A subscription's delivery log", description = "Newest first: status (pending, "
            + "delivered, failed, cancelled), attempts, the last answer or error, and the next attempt.")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be 1..1000");
        }
        return webhooks.deliveries(id, limit).stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR})
    @Operation(summary = "Send a delivery again", description = "At once, with the same webhook-id.")
    public DeliveryView redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return DeliveryView.of(webhooks.redeliver(id, deliveryId));
    }

    private static Set<WebhookEventType> eventTypes(JsonObject json) {
        JsonValue value = json.get("eventTypes");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new BadRequestException("eventTypes must be a non-empty array of event type names");
        }
        return array.stream().map(item -> {
            if (!(item instanceof JsonString name)) {
                throw new BadRequestException("eventTypes must be an array of strings");
            }
            return WebhookEventType.ofWireName(name.getString());
        }).collect(Collectors.toCollection(() -> EnumSet.noneOf(WebhookEventType.class)));
    }
}
