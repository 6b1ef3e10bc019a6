package dev.moat.web.gateway;

import dev.moat.key.KeySnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client to the tenants' model servers: pooled HTTP/1.1 connections with blocking I/O, which on the
 * gateway's virtual threads holds no platform thread while it waits.
 */
@ApplicationScoped
public class UpstreamClient {

    /** Connections are not what limits the gateway; rate limits are. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final GatewaySettings settings;
    private CloseableHttpClient client;
    /** The timeouts of every tenant that keeps the gateway's defaults: built once, not per request. */
    private RequestConfig defaultTimeouts;

    /** For CDI's client proxy only. */
    protected UpstreamClient() {
        this.settings = null;
    }

    @Inject
    public UpstreamClient(GatewaySettings settings) {
        this.settings = settings;
    }

    @PostConstruct
    void open() {
        defaultTimeouts = timeouts(settings.upstreamConnectTimeout(), settings.upstreamTimeout());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                // Model servers close idle connections (uvicorn after 5 s): one idle for a while is checked first.
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .setRetryStrategy(new StaleConnectionRetry(pool))
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()      // the answer passes through as the model server wrote it
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * Sends a request and returns once the response headers are in; the body streams as the upstream writes
     * it. The read timeout bounds every wait for the upstream: for its headers and between two chunks of a stream.
     */
    public Answer send(KeySnapshot.Upstream upstream, String method, URI uri, String contentType, String accept,
                       byte[] body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.setConfig(upstream.connectTimeout() == null && upstream.readTimeout() == null ? defaultTimeouts
                : timeouts(upstream.connectTimeout() != null ? upstream.connectTimeout()
                        : settings.upstreamConnectTimeout(),
                        upstream.readTimeout() != null ? upstream.readTimeout() : settings.upstreamTimeout()));
        if (upstream.authorization() != null) {
            request.setHeader("Authorization", upstream.authorization());
        }
        if (accept != null) {
            request.setHeader("Accept", accept);
        }
        if (body != null) {
            request.setHeader("Content-Type", contentType == null ? "application/json" : contentType);
            request.setEntity(new ByteArrayEntity(body, null));
        }
        ClassicHttpResponse response = client.executeOpen(null, request, HttpClientContext.create());
        return new Answer(request, response);
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout: tenants set their own
    private static RequestConfig timeouts(Duration connect, Duration read) {
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connect.toMillis()))
                .setResponseTimeout(Timeout.ofMilliseconds(read.toMillis()))
                .build();
    }

    /**
     * A completion is not idempotent, so nothing is retried but this: a pooled connection that the model server
     * had closed while Moat was about to reuse it, which answers nothing at all ({@link NoHttpResponseException})
     * and so has processed nothing. The pool's other idle connections are likely closed too (a server that keeps
     * only so many idle connections closes the rest at once), so they go, and the request goes again on a fresh one.
     * A fresh connection that ends without an answer is not retried: that server took the request and may have
     * started generating, and a second attempt could make it generate twice.
     */
    private static final class StaleConnectionRetry implements HttpRequestRetryStrategy {

        private static final int MAX_ATTEMPTS = 5;
        private final PoolingHttpClientConnectionManager pool;

        StaleConnectionRetry(PoolingHttpClientConnectionManager pool) {
            this.pool = pool;
        }

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            if (execCount >= MAX_ATTEMPTS || !(exception instanceof NoHttpResponseException)
                    || !wasReused(context)) {
                return false;
            }
            pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
            return true;
        }

        /** Whether the connection had carried a request before this one; unknown counts as reused. */
        private static boolean wasReused(HttpContext context) {
            EndpointDetails connection = HttpClientContext.castOrCreate(context).getEndpointDetails();
            return connection == null || connection.getRequestCount() > 1;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }

    @PreDestroy
    void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** The upstream's answer while its body streams. Closing it before the body's end cancels the upstream call. */
    public static final class Answer implements AutoCloseable {

        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;

        private Answer(HttpUriRequestBase request, ClassicHttpResponse response) {
            this.request = request;
            this.response = response;
        }

        public int status() {
            return response.getCode();
        }

        public String contentType() {
            Header header = response.getFirstHeader("Content-Type");
            return header == null ? "application/json" : header.getValue();
        }

        /** The body's declared length, or -1 when the upstream did not declare one (a chunked answer). */
        public long contentLength() {
            HttpEntity entity = response.getEntity();
            return entity == null ? 0 : entity.getContentLength();
        }

        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        /**
         * A body read to its end has already given its connection back to the pool, so cancelling is a no-op;
         * otherwise it closes the connection instead of reading the rest of an unwanted stream.
         */
        @Override
        public void close() throws IOException {
            request.cancel();
            response.close();
        }
    }
}
