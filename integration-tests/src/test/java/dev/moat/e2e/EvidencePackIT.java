package dev.moat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A case exported as a signed evidence pack, checked by the ops verifier: intact as made, broken when edited. */
@ExtendWith(MoatStack.class)
class EvidencePackIT {

    @Test
    void an_exported_pack_verifies_and_any_edit_is_found() throws Exception {
        String ticketing = Keycloak.ticketingToken();
        String id = Api.json(Api.post("/api/v1/incidents", ticketing, Json.createObjectBuilder()
                .add("title", "Exported <case>").add("severity", "high")
                .add("observables", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "country").add("value", "KP"))).build())).getString("id");
        Api.post("/api/v1/incidents/" + id + "/comments", ticketing,
                Json.createObjectBuilder().add("text", "<script>alert('x')</script> seen 40k requests").build());

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        MoatStack.MOAT.resolve("/api/v1/incidents/" + id + "/evidence-pack"))
                .header("Authorization", "Bearer " + ticketing).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals("attachment; filename=\"" + id + "-evidence.zip\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        Map<String, byte[]> files = unzip(response.body());
        String report = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(report.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") && !report.contains("<script>"),
                "the report shows the comment as text");
        String trusted = Api.json(Api.get("/api/v1/incidents/evidence-key", ticketing)).getString("publicKey");

        Path pack = Files.write(Files.createTempFile("pack", ".zip"), response.body());
        String intact = verify(pack, "--public-key", trusted);
        assertTrue(intact.startsWith("INTACT: " + id), intact);

        files.put("report.html", report.replace("40k requests", "4 requests").getBytes(StandardCharsets.UTF_8));
        Path edited = Files.write(Files.createTempFile("edited", ".zip"), zip(files));
        String broken = verify(edited);
        assertTrue(broken.contains("NOT INTACT: report.html was changed"), broken);
    }

    private static String verify(Path pack, String... options) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("moat.repository", ".."), "ops", "evidence", "verify-pack.sh");
        List<String> command = new ArrayList<>(List.of(script.toString(), pack.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
