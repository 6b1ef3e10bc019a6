package dev.moat.web.gateway;

import dev.moat.key.KeySnapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;

/** The one HTTP client to the tenants' model servers: pooled connections, HTTP/1.1 as they all speak it. */
@ApplicationScoped
public class UpstreamClient {

    /** One client per connect timeout (the JDK sets it per client); tenants mostly share the default. */
    private final ConcurrentMap<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final GatewaySettings settings;

    /** For CDI's client proxy only. */
    protected UpstreamClient() {
        this.settings = null;
    }

    @Inject
    public UpstreamClient(GatewaySettings settings) {
        this.settings = settings;
    }

    private HttpClient clientFor(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build());
    }

    /**
     * Sends a request and returns once the response headers are in; the body streams as the upstream writes
     * it. Closing the body stream early cancels the upstream call.
     */
    public HttpResponse<InputStream> send(KeySnapshot.Upstream upstream, String method, URI uri, String contentType,
                                          String accept, byte[] body) throws IOException, InterruptedException {
        Duration readTimeout = upstream.readTimeout() != null ? upstream.readTimeout() : settings.upstreamTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout);
        if (upstream.authorization() != null) {
            request.header("Authorization", upstream.authorization());
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType == null ? "application/json" : contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        Duration connectTimeout = upstream.connectTimeout() != null ? upstream.connectTimeout()
                : settings.upstreamConnectTimeout();
        return clientFor(connectTimeout).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
