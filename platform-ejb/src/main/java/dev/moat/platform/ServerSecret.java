package dev.moat.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A 256-bit server-side secret: the configured one (base64), or for the embedded default one generated once
 * into the data folder, readable by its owner only. Losing it loses what it protects.
 */
public final class ServerSecret {

    private static final Logger LOG = Logger.getLogger(ServerSecret.class.getName());

    private ServerSecret() {
    }

    /**
     * @param configured  the configured value, if any
     * @param file        where the generated one lives otherwise
     * @param environment the variable that configures it, for the warning
     */
    public static byte[] configuredOrGenerated(Optional<String> configured, Path file, String environment) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Base64.getDecoder().decode(configured.get().strip());
        }
        try {
            if (Files.notExists(file)) {
                generate(file, environment);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret " + file.toAbsolutePath(), e);
        }
    }

    private static void generate(Path file, String environment) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(secret));
            LOG.warning(() -> "No " + environment + " configured: generated one in " + file.toAbsolutePath()
                    + ". Keep it safe, and give every node the same.");
        } catch (FileAlreadyExistsException raced) {
            // Another start created it first: use theirs.
        }
    }
}
