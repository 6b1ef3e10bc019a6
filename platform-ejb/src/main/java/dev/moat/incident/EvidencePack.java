package dev.moat.incident;

import static dev.moat.domain.JsonOnce.JSON;

import dev.moat.domain.Sha256;
import dev.moat.incident.IncidentService.CaseFile;
import dev.moat.platform.EvidenceSigner;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A case exported for an abuse report or a lawyer: a ZIP with {@code case.json} (everything, for machines),
 * {@code report.html} (for people) and {@code chain.txt}, which hash-chains every item of the case, fixes the
 * hashes of both files and is signed with the server's Ed25519 key. {@code ops/evidence/verify-pack.sh}
 * checks all of it.
 */
final class EvidencePack {

    static final String FORMAT = "moat-evidence-pack 1";
    private static final String GENESIS = "0".repeat(64);

    private EvidencePack() {
    }

    static byte[] of(CaseFile file, String generatedBy, Instant generatedAt, EvidenceSigner signer) {
        Incident incident = file.incident();
        List<JsonObject> items = items(file);
        StringBuilder chain = new StringBuilder(FORMAT).append('\n')
                .append("case ").append(incident.id()).append('\n')
                .append("generated-at ").append(generatedAt).append('\n');
        String head = GENESIS;
        JsonArrayBuilder itemArray = JSON.createArrayBuilder();
        for (int n = 0; n < items.size(); n++) {
            byte[] item = items.get(n).toString().getBytes(StandardCharsets.UTF_8);
            head = Sha256.hex(concat((head + "\n").getBytes(StandardCharsets.UTF_8), item));
            chain.append("item ").append(n + 1).append(' ').append(head).append(' ')
                    .append(Base64.getEncoder().encodeToString(item)).append('\n');
            itemArray.add(items.get(n));
        }
        byte[] caseJson = JSON.createObjectBuilder()
                .add("format", FORMAT)
                .add("case", summary(incident))
                .add("generatedAt", generatedAt.toString())
                .add("generatedBy", generatedBy)
                .add("items", itemArray)
                .add("chainHead", head)
                .build().toString().getBytes(StandardCharsets.UTF_8);
        byte[] report = EvidenceReport.html(file, generatedBy, generatedAt, head, signer.publicKey())
                .getBytes(StandardCharsets.UTF_8);
        chain.append("head ").append(head).append('\n')
                .append("file case.json ").append(Sha256.hex(caseJson)).append('\n')
                .append("file report.html ").append(Sha256.hex(report)).append('\n')
                .append("public-key ").append(signer.publicKey()).append('\n');
        String signature = signer.sign(chain.toString()); // over everything above the signature line
        chain.append("signature ").append(signature).append('\n');
        return zip(caseJson, report, chain.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Observables, evidence and timeline, in that order, each a small JSON object. */
    private static List<JsonObject> items(CaseFile file) {
        List<JsonObject> items = new ArrayList<>();
        file.incident().observables().stream()
                .sorted(Comparator.comparing(Observable::kind).thenComparing(Observable::value))
                .forEach(o -> items.add(JSON.createObjectBuilder().add("type", "observable")
                        .add("kind", o.kind().name().toLowerCase()).add("value", o.value()).build()));
        for (Evidence e : file.evidence()) {
            items.add(JSON.createObjectBuilder().add("type", "evidence").add("id", e.id())
                    .add("addedAt", e.addedAt().toString()).add("addedBy", e.addedBy())
                    .add("kind", e.kind().name().toLowerCase()).add("summary", e.summary()).add("detail", e.detail())
                    .build());
        }
        for (TimelineEntry t : file.timeline()) {
            items.add(JSON.createObjectBuilder().add("type", "timeline").add("id", t.id())
                    .add("at", t.occurredAt().toString()).add("actor", t.actor())
                    .add("kind", t.kind().name().toLowerCase()).add("text", t.body()).build());
        }
        return items;
    }

    private static JsonObject summary(Incident incident) {
        var json = JSON.createObjectBuilder().add("id", incident.id().toString()).add("title", incident.title())
                .add("description", incident.description()).add("severity", incident.severity().name().toLowerCase())
                .add("status", incident.status().name().toLowerCase()).add("createdAt", incident.createdAt().toString())
                .add("createdBy", incident.createdBy());
        if (incident.tenantId() != null) {
            json.add("tenant", incident.tenantId());
        }
        return json.build();
    }

    private static byte[] zip(byte[] caseJson, byte[] report, byte[] chain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            write(zip, "case.json", caseJson);
            write(zip, "report.html", report);
            write(zip, "chain.txt", chain);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write an evidence pack in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void write(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
