package dev.moat.web.gateway;

import dev.moat.geo.GeoIpService;
import dev.moat.inspection.InspectionService;
import dev.moat.key.KeyAuthenticator;
import dev.moat.key.KeyService;
import dev.moat.persistence.SchemaMigration;
import dev.moat.ratelimit.Limits;
import dev.moat.ratelimit.RateLimiter;
import dev.moat.watermark.LexicalKey;
import dev.moat.watermarking.Watermarking;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the gateway's code once on a platform thread before the gateway serves, and holds requests until then.
 *
 * <p>Why: a virtual thread that loads a class stays pinned to its carrier while it waits for the class loader's
 * lock. On two cores there are two carriers; a burst of first requests after a start (clients already waiting
 * behind a load balancer) pinned both behind a third virtual thread that held the web application's class
 * loader and could not be mounted: every request hung for good (seen with 20 concurrent requests). Loading
 * the request path's classes first, here, leaves nothing for that burst to load.
 */
@ApplicationScoped
public class GatewayWarmUp {

    private static final Logger LOG = Logger.getLogger(GatewayWarmUp.class.getName());
    private static final long LONGEST_WAIT_SECONDS = 120;
    private static final String SAMPLE_REQUEST = "{\"model\":\"warm-up\",\"stream\":true,\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"Often the teacher helps the students.\"}],\"logprobs\":true,\"top_logprobs\":2}";
    private static final String SAMPLE_ANSWER = "{\"id\":\"w\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"The teacher often helps.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}";
    private static final String SAMPLE_EVENTS = "data: {\"id\":\"w\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + "\"The teacher often\"},\"finish_reason\":null}]}\n\ndata: {\"id\":\"w\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private final CountDownLatch warm = new CountDownLatch(1);

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private SchemaMigration schema;

    @Inject
    private KeyAuthenticator authenticator;

    @Inject
    private KeyService keys;

    @Inject
    private InspectionService inspection;

    @Inject
    private RateLimiter limiter;

    @Inject
    private GeoIpService geoIp;

    @Inject
    private GatewaySettings settings;

    @Inject
    private UpstreamClient upstream;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        executor.execute(this::warmUp);
    }

    /** Whether the gateway has run once; readiness reports it. */
    public boolean isWarm() {
        return warm.getCount() == 0;
    }

    /** Called by each request on its virtual thread: parks (holding no carrier) until the warm-up has run. */
    void awaitWarm() throws InterruptedException {
        if (warm.getCount() > 0 && !warm.await(LONGEST_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warning("Gateway warm-up still not done; serving anyway");
        }
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            schema.schemaVersion(); // the migration has run: the pool may open
            authenticator.authenticate("moat_" + "warmupwarmup" + "_" + "W".repeat(43));
            keys.allIds().stream().findFirst().ifPresent(keys::snapshot);
            settings.maxBodyBytes();
            CompletionRequest request = CompletionRequest.parse(SAMPLE_REQUEST.getBytes(StandardCharsets.UTF_8));
            inspection.inspect("moat-warm-up", request.inspected());
            Degradation.apply(SAMPLE_REQUEST.getBytes(StandardCharsets.UTF_8));
            limiter.admit("moat-warm-up", Limits.NONE, "moat-warm-up", Limits.NONE);
            geoIp.lookup(InetAddress.getLoopbackAddress());
            answers();
            upstreamClasses();
            new GatewayExchange("/chat/completions").facts();
            OpenAiError.INVALID_KEY.toString();
            LOG.info(() -> "Gateway warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (RuntimeException | IOException | CompletionRequest.Invalid e) {
            LOG.log(Level.WARNING, "Gateway warm-up failed part-way; the gateway serves anyway", e);
        } finally {
            warm.countDown();
        }
    }

    /** Usage scanning and watermarking of a whole answer and of a stream, into memory. */
    private static void answers() throws IOException {
        Watermarking watermarking = new Watermarking("moat-warm-up", "warmupwarmup", 1,
                new LexicalKey(new byte[32], 1.0), new byte[6]);
        new AnswerWatermarking(watermarking).copyWhole(new ByteArrayInputStream(SAMPLE_ANSWER.getBytes(
                StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new UsageScanner());
        new AnswerWatermarking(watermarking).copyEvents(new ByteArrayInputStream(SAMPLE_EVENTS.getBytes(
                StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new UsageScanner());
    }

    /** The upstream client's classes, through a connection that port 9 on the loopback refuses at once. */
    private void upstreamClasses() {
        try {
            upstream.send(new dev.moat.key.KeySnapshot.Upstream(URI.create("http://127.0.0.1:9/v1"), null,
                    Duration.ofSeconds(1), Duration.ofSeconds(1)), "POST", URI.create("http://127.0.0.1:9/v1/models"),
                    "application/json", null, new byte[0]).close();
        } catch (IOException expected) {
            // refused: what was wanted is the classes on the way
        }
    }
}
