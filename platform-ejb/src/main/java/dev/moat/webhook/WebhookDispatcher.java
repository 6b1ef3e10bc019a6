package dev.moat.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due deliveries from the outbox every two seconds, in parallel, outside any transaction (a slow
 * receiver holds no database lock), and records each attempt. What is not delivered stays in the outbox and
 * survives restarts. One dispatcher per node: with several nodes a delivery could be sent twice, which
 * receivers handle by its {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int BATCH = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebhookService webhooks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private ScheduledFuture<?> sending;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected WebhookDispatcher() {
        this(null, null);
    }

    @Inject
    public WebhookDispatcher(WebhookService webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        sending = scheduler.scheduleWithFixedDelay(this::sendDueSafely, 2, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sending != null) {
            sending.cancel(false);
        }
    }

    /** A periodic task that throws is never run again: whatever happens, the next round must come. */
    private void sendDueSafely() {
        try {
            List<CompletableFuture<Attempt>> attempts = webhooks.due(BATCH).stream().map(this::send).toList();
            // Recorded here, on the managed thread, not on the HTTP client's threads.
            attempts.stream().map(CompletableFuture::join)
                    .forEach(attempt -> webhooks.recordAttempt(attempt.deliveryId(), attempt.status(), attempt.error()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook deliveries could not be read or recorded; retrying in two seconds", e);
        }
    }

    private record Attempt(String deliveryId, Integer status, String error) {
    }

    private CompletableFuture<Attempt> send(WebhookService.PendingDelivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Moat-Webhooks/1")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signature(delivery.secret(), delivery.id(), timestamp,
                        delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure != null
                        ? new Attempt(delivery.id(), null, describe(failure))
                        : new Attempt(delivery.id(), response.statusCode(),
                                response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode()));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
