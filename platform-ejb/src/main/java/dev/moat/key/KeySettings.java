package dev.moat.key;

import dev.moat.platform.ServerSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Key configuration: the pepper of the secret hashes ({@code MOAT_KEYS_PEPPER}; without it, one is generated
 * once into the data folder) and the grace period of rotated secrets ({@code MOAT_KEYS_ROTATION_GRACE}).
 */
@ApplicationScoped
public class KeySettings {

    private static final String PEPPER_FILE = "key-pepper";

    private final Optional<String> configuredPepper;
    private final String dataDir;
    private final Duration rotationGrace;

    /** For CDI's client proxy only. */
    protected KeySettings() {
        this.configuredPepper = Optional.empty();
        this.dataDir = null;
        this.rotationGrace = null;
    }

    @Inject
    public KeySettings(@ConfigProperty(name = "moat.keys.pepper") Optional<String> configuredPepper,
                       @ConfigProperty(name = "moat.data.dir") String dataDir,
                       @ConfigProperty(name = "moat.keys.rotation-grace", defaultValue = "PT24H") String rotationGrace) {
        this.configuredPepper = configuredPepper;
        this.dataDir = dataDir;
        this.rotationGrace = Duration.parse(rotationGrace);
    }

    public Duration rotationGrace() {
        return rotationGrace;
    }

    @Produces
    @Singleton
    ApiKeySecrets apiKeySecrets() {
        return new ApiKeySecrets(pepper(), new SecureRandom());
    }

    private byte[] pepper() {
        return ServerSecret.configuredOrGenerated(configuredPepper, Path.of(dataDir, PEPPER_FILE), "MOAT_KEYS_PEPPER");
    }
}
