package dev.moat.usage;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An append-only file of usage events that could not be written to the database, as JSON lines; replayed
 * into the database once it answers again. One file per failed batch, deleted after its replay commits.
 */
public class UsageSpool {

    private final Path folder;
    private long sequence;

    public UsageSpool(Path folder) {
        this.folder = folder;
    }

    public synchronized void append(List<UsageEvent> events) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("usage-" + System.currentTimeMillis() + "-" + sequence++ + ".jsonl");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (UsageEvent event : events) {
                out.write(toJson(event).toString());
                out.write('\n');
            }
        }
    }

    /** Spooled files, oldest first. */
    public synchronized List<Path> files() throws IOException {
        if (Files.notExists(folder)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    public List<UsageEvent> read(Path file) throws IOException {
        List<UsageEvent> events = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    events.add(fromJson(JSON.createReader(new StringReader(line)).readObject()));
                }
            }
        }
        return events;
    }

    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static JsonObject toJson(UsageEvent event) {
        UsageEvent.Facts f = event.facts();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", event.id())
                .add("occurredAt", f.occurredAt().toString())
                .add("clientAddress", f.clientAddress())
                .add("endpoint", f.endpoint())
                .add("promptTokens", f.promptTokens())
                .add("completionTokens", f.completionTokens())
                .add("tokensEstimated", f.tokensEstimated())
                .add("latencyMillis", f.latencyMillis())
                .add("status", f.status())
                .add("decision", f.decision())
                .add("findings", f.findings() == null ? "" : f.findings());
        addIfPresent(json, "tenantId", f.tenantId());
        addIfPresent(json, "keyId", f.keyId());
        addIfPresent(json, "country", f.country());
        addIfPresent(json, "model", f.model());
        if (f.asn() != null) {
            json.add("asn", f.asn());
        }
        return json.build();
    }

    private static UsageEvent fromJson(JsonObject json) {
        return new UsageEvent(UUID.fromString(json.getString("id")), new UsageEvent.Facts(
                Instant.parse(json.getString("occurredAt")), json.getString("tenantId", null),
                json.getString("keyId", null), json.getString("clientAddress"), json.getString("country", null),
                json.containsKey("asn") ? json.getJsonNumber("asn").longValue() : null, json.getString("endpoint"),
                json.getString("model", null), json.getJsonNumber("promptTokens").longValue(),
                json.getJsonNumber("completionTokens").longValue(), json.getBoolean("tokensEstimated"),
                json.getJsonNumber("latencyMillis").longValue(), json.getInt("status"), json.getString("decision"),
                json.getString("findings")));
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
