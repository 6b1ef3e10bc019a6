import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a Moat evidence pack (the ZIP from GET /api/v1/incidents/{id}/evidence-pack) with nothing but the JDK:
 * every item's link in the SHA-256 chain, the chain's head, the hashes of case.json and report.html, and the
 * Ed25519 signature over chain.txt, optionally against a public key you trust (GET /api/v1/incidents/evidence-key).
 * Exit status 0: intact; 1: not intact; 2: wrong use.
 */
public class VerifyPack {

    private static final String FORMAT = "moat-evidence-pack 1";

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--public-key"))) {
            System.err.println("usage: verify-pack.sh PACK.zip [--public-key BASE64_X509_KEY]");
            System.exit(2);
        }
        Map<String, byte[]> files = unzip(Path.of(args[0]));
        List<String> problems = check(files, args.length == 3 ? args[2] : null);
        if (problems.isEmpty()) {
            System.out.println("INTACT: " + summary(files));
        } else {
            problems.forEach(problem -> System.out.println("NOT INTACT: " + problem));
            System.exit(1);
        }
    }

    static List<String> check(Map<String, byte[]> files, String trustedKey) {
        List<String> problems = new ArrayList<>();
        byte[] chainFile = files.get("chain.txt");
        if (chainFile == null) {
            return List.of("no chain.txt in the pack");
        }
        String chain = new String(chainFile, StandardCharsets.UTF_8);
        List<String> lines = chain.lines().toList();
        if (lines.size() < 4 || !lines.get(0).equals(FORMAT)) {
            return List.of("chain.txt is not a " + FORMAT + " chain");
        }
        String previous = "0".repeat(64);
        int expectedItem = 1;
        String publicKey = null;
        List<String> signedFiles = new ArrayList<>(List.of("chain.txt"));
        for (String line : lines.subList(3, lines.size())) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "item" -> {
                    byte[] item = Base64.getDecoder().decode(parts[3]);
                    String hash = sha256(concat((previous + "\n").getBytes(StandardCharsets.UTF_8), item));
                    if (Integer.parseInt(parts[1]) != expectedItem) {
                        problems.add("item " + expectedItem + " is missing or out of order");
                    } else if (!hash.equals(parts[2])) {
                        problems.add("item " + expectedItem + " does not match its hash: it was changed");
                    }
                    previous = parts[2];
                    expectedItem++;
                }
                case "head" -> {
                    if (!parts[1].equals(previous)) {
                        problems.add("the chain does not end where its head says");
                    }
                }
                case "file" -> {
                    signedFiles.add(parts[1]);
                    byte[] content = files.get(parts[1]);
                    if (content == null) {
                        problems.add(parts[1] + " is missing");
                    } else if (!sha256(content).equals(parts[2])) {
                        problems.add(parts[1] + " was changed after the pack was made");
                    }
                }
                case "public-key" -> publicKey = parts[1];
                case "signature" -> {
                    String signed = chain.substring(0, chain.indexOf("\nsignature ") + 1);
                    if (publicKey == null || !verify(publicKey, signed, parts[1])) {
                        problems.add("the signature over chain.txt is not valid: the chain was changed");
                    }
                }
                default -> problems.add("unknown line in chain.txt: " + parts[0]);
            }
        }
        if (!chain.contains("\nsignature ")) {
            problems.add("chain.txt is not signed");
        }
        if (trustedKey != null && !trustedKey.equals(publicKey)) {
            problems.add("the pack is signed with another key than the one you trust");
        }
        files.keySet().stream().filter(name -> !signedFiles.contains(name))
                .forEach(name -> problems.add(name + " is in the pack but not covered by its signature"));
        return problems;
    }

    private static String summary(Map<String, byte[]> files) {
        List<String> lines = new String(files.get("chain.txt"), StandardCharsets.UTF_8).lines().toList();
        long items = lines.stream().filter(line -> line.startsWith("item ")).count();
        return lines.get(1).substring(5) + ", " + items + " items, " + lines.get(2).replace("generated-at ", "made ")
                + ", signed by " + lines.stream().filter(line -> line.startsWith("public-key ")).findFirst()
                .orElse("").substring(11);
    }

    private static boolean verify(String publicKey, String signed, String signature) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signed.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, byte[]> unzip(Path pack) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(pack); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
