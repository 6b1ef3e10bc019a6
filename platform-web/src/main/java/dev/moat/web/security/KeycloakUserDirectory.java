package dev.moat.web.security;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.security.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keycloak's users, asked through its admin API with the console client's service account (which needs the
 * realm-management role view-users). MOAT_USER_DIRECTORY=none turns the check off for other providers.
 * Users found are remembered for five minutes.
 */
@ApplicationScoped
public class KeycloakUserDirectory implements UserDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakUserDirectory.class.getName());
    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final boolean enabled;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Instant> known = new ConcurrentHashMap<>();
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    /** For CDI's client proxy only. */
    protected KeycloakUserDirectory() {
        this(null, null, "none", null);
    }

    @Inject
    public KeycloakUserDirectory(OidcSettings settings, OidcProvider provider,
                                 @ConfigProperty(name = "moat.user-directory", defaultValue = "keycloak") String kind,
                                 Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.enabled = "keycloak".equalsIgnoreCase(kind);
        this.clock = clock;
    }

    @Override
    public Answer lookUp(String userName) {
        if (!enabled) {
            return Answer.CANNOT_TELL;
        }
        Instant remembered = known.get(userName);
        if (remembered != null && remembered.isAfter(clock.instant())) {
            return Answer.KNOWN;
        }
        try {
            URI users = URI.create(settings.issuer().replace("/realms/", "/admin/realms/") + "/users?exact=true&username="
                    + URLEncoder.encode(userName, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(users).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + serviceToken()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning(() -> "Keycloak did not list users (HTTP " + response.statusCode() + "); does the "
                        + settings.clientId() + " service account have view-users?");
                return Answer.CANNOT_TELL;
            }
            boolean found = JSON.createReader(new StringReader(response.body())).readArray().stream()
                    .anyMatch(user -> userName.equals(user.asJsonObject().getString("username", null)));
            if (found) {
                known.put(userName, clock.instant().plus(REMEMBER));
            }
            return found ? Answer.KNOWN : Answer.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Cannot ask Keycloak about users: " + e);
            return Answer.CANNOT_TELL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.CANNOT_TELL;
        }
    }

    /** A client-credentials token of the console client, renewed a little before it expires. */
    private String serviceToken() throws IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(settings.clientId(),
                StandardCharsets.UTF_8) + "&client_secret=" + URLEncoder.encode(settings.clientSecret(),
                StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(provider.metadata().getTokenEndpointURI())
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered HTTP " + response.statusCode()
                    + " (is the service account of " + settings.clientId() + " enabled?)");
        }
        JsonObject answer = JSON.createReader(new StringReader(response.body())).readObject();
        token = answer.getString("access_token");
        tokenExpires = clock.instant().plusSeconds(Math.max(10, answer.getInt("expires_in", 60) - 10));
        return token;
    }
}
