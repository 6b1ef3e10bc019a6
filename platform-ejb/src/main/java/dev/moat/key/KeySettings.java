package dev.moat.key;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Key configuration: the pepper of the secret hashes ({@code MOAT_KEYS_PEPPER}; without it, one is generated
 * once into the data folder) and the grace period of rotated secrets ({@code MOAT_KEYS_ROTATION_GRACE}).
 */
@ApplicationScoped
public class KeySettings {

    private static final Logger LOG = Logger.getLogger(KeySettings.class.getName());
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
        if (configuredPepper.isPresent() && !configuredPepper.get().isBlank()) {
            return Base64.getDecoder().decode(configuredPepper.get().strip());
        }
        Path file = Path.of(dataDir, PEPPER_FILE);
        try {
            if (Files.notExists(file)) {
                createPepperFile(file);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key pepper " + file.toAbsolutePath(), e);
        }
    }

    private static void createPepperFile(Path file) throws IOException {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(pepper));
            LOG.warning(() -> "No MOAT_KEYS_PEPPER configured: generated one in " + file.toAbsolutePath()
                    + ". Keep it safe; without it no existing API key verifies.");
        } catch (FileAlreadyExistsException raced) {
            // Another node or start created it first: use theirs.
        }
    }
}
