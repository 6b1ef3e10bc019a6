package dev.moat.web.gateway;

import dev.moat.geo.GeoIpService;
import dev.moat.geo.GeoLocation;
import dev.moat.geo.GeoRules;
import dev.moat.geo.ImpossibleTravel;
import dev.moat.detection.DetectionReporter;
import dev.moat.detection.Observation;
import dev.moat.inspection.InspectionService;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Verdict;
import dev.moat.key.KeyAuthenticator;
import dev.moat.key.KeySnapshot;
import dev.moat.key.RequestSigning;
import dev.moat.ratelimit.RateLimiter;
import dev.moat.usage.UsageRecorder;
import dev.moat.watermarking.WatermarkLedger;
import dev.moat.watermarking.Watermarking;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moat's OpenAI-compatible gateway ({@code /v1/*}): checks the API key and its policies, then forwards the
 * request body byte for byte to the tenant's model server and passes the answer back as it arrives, server-sent
 * events chunk by chunk. Each request runs on a virtual thread, so waiting on the upstream holds no platform
 * thread, and leaves one usage event behind, whatever its outcome.
 */
@WebServlet(urlPatterns = "/v1/*", asyncSupported = true)
public class GatewayServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(GatewayServlet.class.getName());
    private static final String BEARER = "Bearer ";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final long OVERSIZED_BODY_DRAIN_CAP = 16L * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];
    private static final int COPY_BUFFER_BYTES = 8192;
    /** How long a throttled request waits: slows a harvest down without breaking a human's conversation. */
    private static final long THROTTLE_DELAY_MILLIS = 2_000;

    /**
     * Plain virtual threads: a managed executor captures and restores the container's contexts for every task,
     * which cost a quarter of the gateway's CPU (JFR, 32 connections).
     */
    private ExecutorService executor;

    @Inject
    private KeyAuthenticator keys;

    @Inject
    private UpstreamClient upstream;

    @Inject
    private GatewaySettings settings;

    @Inject
    private RateLimiter limiter;

    @Inject
    private ClientAddress clientAddress;

    @Inject
    private UsageRecorder usage;

    @Inject
    private GeoIpService geoIp;

    @Inject
    private ImpossibleTravel travel;

    @Inject
    private RequestSigning signing;

    @Inject
    private InspectionService inspection;

    @Inject
    private DetectionReporter detections;

    @Inject
    private WatermarkLedger ledger;

    @Inject
    private GatewayWarmUp warmUp;

    @Override
    public void init() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @Override
    public void destroy() {
        executor.close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        // Timed from here: under load a request may wait for a virtual thread, and that wait is the gateway's too
        // (detection reads a client's pauses from these times).
        GatewayExchange exchange = new GatewayExchange(request.getPathInfo());
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        executor.execute(() -> {
            try {
                warmUp.awaitWarm();
                proxy(request, response, exchange);
            } catch (IOException e) {
                exchange.clientLeft();
                LOG.log(Level.FINE, "Client went away", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Gateway failure", e);
                answerIfPossible(response, exchange, new OpenAiError(500, "api_error", "internal_error",
                        "Moat failed; see its log."));
            } finally {
                async.complete();
                usage.record(exchange.facts());
                Observation seen = exchange.observation();
                if (seen != null) {
                    detections.report(seen);
                }
            }
        });
    }

    private void proxy(HttpServletRequest request, HttpServletResponse response, GatewayExchange exchange)
            throws IOException, InterruptedException {
        exchange.from(clientAddress.of(request));
        Endpoint endpoint = Endpoint.of(request.getMethod(), request.getPathInfo() == null ? "" : request.getPathInfo());
        if (endpoint == null) {
            refuse(response, exchange, OpenAiError.notFound("Moat serves no " + request.getMethod() + " /v1"
                    + request.getPathInfo()));
            return;
        }
        KeySnapshot key = keys.authenticate(bearerToken(request)).orElse(null);
        if (key == null) {
            refuse(response, exchange, OpenAiError.INVALID_KEY);
            return;
        }
        exchange.authenticated(key);
        if (!key.allowsAddress(exchange.client())) {
            refuse(response, exchange, OpenAiError.ADDRESS_NOT_ALLOWED);
            return;
        }
        if (!withinGeoFence(key, exchange)) {
            refuse(response, exchange, OpenAiError.GEO_DENIED);
            return;
        }
        byte[] body;
        try {
            body = endpoint.hasBody() ? readBody(request).orElse(null) : NO_BODY;
        } catch (IOException e) { // a client that went away reads no answer; one that stalled reads this one
            answerIfPossible(response, exchange, OpenAiError.BODY_INCOMPLETE);
            return;
        }
        if (body == null) {
            refuse(response, exchange, OpenAiError.tooLarge(settings.maxBodyBytes()));
            return;
        }
        if (key.signingRequired() && !signing.accepts(key.signingSecret(), request.getMethod(), request.getRequestURI(),
                request.getHeader("X-Moat-Timestamp"), request.getHeader("X-Moat-Signature"), body, exchange.startedAt())) {
            refuse(response, exchange, OpenAiError.INVALID_SIGNATURE);
            return;
        }
        if (endpoint.hasBody()) {
            CompletionRequest completion;
            try {
                completion = CompletionRequest.parse(body);
            } catch (CompletionRequest.Invalid e) {
                refuse(response, exchange, OpenAiError.badRequest(e.getMessage()));
                return;
            }
            exchange.asks(completion.model(), body.length);
            if (!key.allowsModel(completion.model())) {
                refuse(response, exchange, OpenAiError.MODEL_NOT_ALLOWED);
                return;
            }
            if (endpoint.isInspected()) {
                RequestContext inspected = completion.inspected();
                Verdict verdict = inspection.inspect(key.tenantId(), inspected);
                exchange.inspected(inspected, ClientSoftware.of(request), verdict);
                switch (verdict.decision()) {
                    case BLOCK -> {
                        refuse(response, exchange, OpenAiError.BLOCKED_BY_INSPECTION);
                        return;
                    }
                    case DEGRADE -> body = Degradation.apply(body);
                    case THROTTLE -> Thread.sleep(THROTTLE_DELAY_MILLIS); // a virtual thread: nothing is held
                    default -> { }
                }
            }
        }
        RateLimiter.Decision decision = limiter.admit(key.id().value(), key.keyLimits(), key.tenantId(), key.tenantLimits());
        RateLimitHeaders.write(decision, response);
        if (!decision.allowed()) {
            refuse(response, exchange, OpenAiError.RATE_LIMITED);
            return;
        }
        try {
            forward(endpoint, key, request, response, endpoint.hasBody() ? body : null, exchange);
        } finally {
            limiter.recordTokens(key.id().value(), key.keyLimits(), key.tenantId(), key.tenantLimits(),
                    exchange.usage().totalTokens());
        }
    }

    /** The tenant's geo-fence; the reason of a refusal goes to the usage event, never to the client. */
    private boolean withinGeoFence(KeySnapshot key, GatewayExchange exchange) {
        if (GeoRules.inAny(key.deniedNetworks(), exchange.client())) {
            exchange.finding("geo:network");
            return false;
        }
        GeoLocation where = geoIp.lookup(exchange.client());
        exchange.locatedAt(where);
        GeoRules rules = key.geoRules();
        String denial = rules.denialOf(where);
        if (denial != null) {
            exchange.finding("geo:" + denial);
            return false;
        }
        Integer maxKmh = rules.impossibleTravelKmh();
        if (maxKmh != null && travel.isImpossible(key.id().value(), where, exchange.startedAt(), maxKmh)) {
            exchange.finding("impossible_travel");
            return !rules.blockImpossibleTravel();
        }
        return true;
    }

    private void forward(Endpoint endpoint, KeySnapshot key, HttpServletRequest request, HttpServletResponse response,
                         byte[] body, GatewayExchange exchange) throws IOException {
        URI target = URI.create(key.upstream().baseUrl() + endpoint.path());
        UpstreamClient.Answer answer;
        try {
            answer = upstream.send(key.upstream(), request.getMethod(), target, request.getContentType(),
                    request.getHeader("Accept"), body);
        } catch (InterruptedIOException e) { // a connect or read timeout
            refuse(response, exchange, OpenAiError.UPSTREAM_TIMEOUT);
            return;
        } catch (ConnectException e) {
            refuse(response, exchange, OpenAiError.UPSTREAM_UNREACHABLE);
            return;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Upstream " + target + " failed", e);
            refuse(response, exchange, OpenAiError.UPSTREAM_UNREACHABLE);
            return;
        }
        // Closing the answer before its end, also when the client has gone away, cancels the upstream call.
        try (answer) {
            response.setStatus(answer.status());
            String contentType = answer.contentType();
            response.setContentType(contentType);
            boolean streaming = contentType.startsWith(EVENT_STREAM);
            if (streaming) {
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
            }
            exchange.answered(answer.status(), streaming);
            Watermarking watermarking = key.watermarking();
            if (watermarking != null && answer.status() == 200 && endpoint.isInspected()) {
                AnswerWatermarking marking = new AnswerWatermarking(watermarking);
                if (streaming) {
                    marking.copyEvents(answer.body(), response.getOutputStream(), exchange.scanner());
                } else {
                    marking.copyWhole(answer.body(), response.getOutputStream(), exchange.scanner());
                }
                marking.fingerprints().forEach(fingerprint -> ledger.record(watermarking, fingerprint));
            } else {
                copy(answer, response, streaming, exchange.scanner());
            }
        }
    }

    /**
     * Server-sent events are flushed as each chunk arrives: the first token reaches the client at once. An answer
     * of declared length gets a buffer of that size, not 8 KB: most answers are about a kilobyte.
     */
    private static void copy(UpstreamClient.Answer answer, HttpServletResponse response, boolean streaming,
                             UsageScanner usage) throws IOException {
        long length = answer.contentLength();
        int size = streaming || length < 1 || length > COPY_BUFFER_BYTES ? COPY_BUFFER_BYTES : (int) length;
        InputStream from = answer.body();
        OutputStream to = response.getOutputStream();
        byte[] buffer = new byte[size];
        int read;
        while ((read = from.read(buffer)) >= 0) {
            usage.scan(buffer, read);
            to.write(buffer, 0, read);
            if (streaming) {
                to.flush();
            }
        }
    }

    /**
     * The body, or empty when it exceeds the configured limit. An oversized body is still read (up to a cap) so
     * that the client, still sending, receives the 413 instead of a broken connection.
     */
    private Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        int limit = settings.maxBodyBytes();
        InputStream in = request.getInputStream();
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared <= limit) {
            // Exactly the declared size: ServletInputStream.readNBytes(n) allocates n bytes up front, and a
            // megabyte per request made every request a humongous allocation for the garbage collector.
            return Optional.of(in.readNBytes((int) declared));
        }
        if (declared < 0) {
            byte[] body = readUpTo(in, limit + 1);
            if (body.length <= limit) {
                return Optional.of(body);
            }
        }
        drain(in);
        return Optional.empty();
    }

    /** A body of unknown length (chunked), read in small steps up to {@code max} bytes. */
    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while (body.size() < max && (read = in.read(chunk, 0, Math.min(chunk.length, max - body.size()))) >= 0) {
            body.write(chunk, 0, read);
        }
        return body.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long drained = 0;
        int read;
        while (drained < OVERSIZED_BODY_DRAIN_CAP && (read = in.read(sink)) >= 0) {
            drained += read;
        }
    }

    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
    }

    private static void refuse(HttpServletResponse response, GatewayExchange exchange, OpenAiError error)
            throws IOException {
        exchange.refused(error);
        error.writeTo(response);
    }

    private static void answerIfPossible(HttpServletResponse response, GatewayExchange exchange, OpenAiError error) {
        exchange.refused(error);
        if (!response.isCommitted()) {
            try {
                error.writeTo(response);
            } catch (IOException e) {
                LOG.log(Level.FINE, "Could not answer", e);
            }
        }
    }
}
