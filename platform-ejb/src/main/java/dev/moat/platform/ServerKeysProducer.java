package dev.moat.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's keys: the secret box under {@code MOAT_SECRETS_KEY} (or generated), the evidence signing key. */
@ApplicationScoped
public class ServerKeysProducer {

    @Produces
    @Singleton
    SecretBox secretBox(@ConfigProperty(name = "moat.secrets.key") Optional<String> configured,
                        @ConfigProperty(name = "moat.data.dir") String dataDir) {
        return new SecretBox(ServerSecret.configuredOrGenerated(configured, Path.of(dataDir, "secrets-key"),
                "MOAT_SECRETS_KEY"));
    }

    @Produces
    @Singleton
    EvidenceSigner evidenceSigner(@ConfigProperty(name = "moat.data.dir") String dataDir) {
        return EvidenceSigner.loadOrCreate(Path.of(dataDir, "evidence-signing-key"));
    }
}
