package dev.moat.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server's Ed25519 key that signs evidence packs, generated once into the data folder (private key
 * readable by its owner only). Its public key is published, so anyone can check a pack came from this Moat.
 */
public final class EvidenceSigner {

    private static final Logger LOG = Logger.getLogger(EvidenceSigner.class.getName());
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private EvidenceSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair kept in {@code file} (two lines: PKCS#8 private key, X.509 public key, base64), made if missing. */
    public static EvidenceSigner loadOrCreate(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            List<String> lines = Files.readAllLines(file);
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            return new EvidenceSigner(
                    keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).strip()))),
                    keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip()))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the evidence signing key " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The evidence signing key in " + file.toAbsolutePath()
                    + " is not an Ed25519 key pair; move it away to have a new one made", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            LOG.info(() -> "Evidence packs are signed with a new Ed25519 key in " + file.toAbsolutePath()
                    + "; keep it, and give every node the same.");
        } catch (FileAlreadyExistsException raced) {
            // Another start created it first: use theirs.
        }
    }

    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The public key, X.509 encoded, base64. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
