package dev.moat.web.gateway;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/** The one HTTP client to the tenants' model servers: pooled connections, HTTP/1.1 as they all speak it. */
@ApplicationScoped
public class UpstreamClient {

    private final HttpClient http;
    private final GatewaySettings settings;

    /** For CDI's client proxy only. */
    protected UpstreamClient() {
        this.http = null;
        this.settings = null;
    }

    @Inject
    public UpstreamClient(GatewaySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.upstreamConnectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * Sends a request and returns once the response headers are in; the body streams as the upstream writes
     * it. Closing the body stream early cancels the upstream call.
     */
    public HttpResponse<InputStream> send(String method, URI uri, String contentType, String accept, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.upstreamTimeout());
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType == null ? "application/json" : contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
