package dev.moat.simulator;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moat's detection benchmark and demo traffic: creates tenants and keys for each {@link Scenario}, sends their
 * traffic through the running gateway to its own stub model, waits for detection, reads the cases over REST and
 * prints, per scenario, the share of keys detected (or, for benign traffic, flagged), the requests until
 * detection, and how campaigns were linked. Settings: MOAT_URL, MOAT_KEYCLOAK, MOAT_DATASETS, SIM_SCALE (0.1–1,
 * fewer keys per scenario), SIM_SEED, SIM_ONLY (words of the scenario names, comma-separated, to run only those).
 */
public final class TrafficSimulator {

    private final String moat = env("MOAT_URL", "http://localhost:8080");
    private final MoatAdmin admin = new MoatAdmin(moat, env("MOAT_KEYCLOAK", "http://localhost:8180"));
    /** HTTP/1.1, as the OpenAI SDKs speak it. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    /** Each request's time from sending to the whole answer, in milliseconds. */
    private final Queue<Long> latencies = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        new TrafficSimulator().run();
    }

    private void run() throws Exception {
        Path datasets = Path.of(env("MOAT_DATASETS", "../shared/datasets"));
        if (!Files.isDirectory(datasets)) {
            throw new IOException("No datasets at " + datasets.toAbsolutePath() + " (set MOAT_DATASETS)");
        }
        double scale = Double.parseDouble(env("SIM_SCALE", "1"));
        long seed = Long.parseLong(env("SIM_SEED", "42"));
        Random random = new Random(seed);
        Random clients = new Random(seed + 1); // apart, so that what each key sends stays as it was
        List<String> only = List.of(env("SIM_ONLY", "").split(","));
        // false: what detection makes of an evaluation harness that no operator declared
        boolean declareOwnWorkloads = Boolean.parseBoolean(env("SIM_DECLARE_OWN_WORKLOADS", "true"));
        Datasets data = Datasets.load(datasets);
        log("datasets: %d conversations, %d tasks, %d documents", data.conversations().size(), data.tasks().size(),
                data.documents().size());
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (StubModel model = new StubModel()) {
            admin.signIn();
            List<Traffic> traffic = new ArrayList<>();
            int scenarioNumber = 0;
            for (Scenario scenario : Scenario.all()) {
                scenarioNumber++;
                if (only.stream().noneMatch(word -> scenario.name().contains(word.strip()))) {
                    continue;
                }
                int keys = Math.max(scenario.campaign() ? 20 : 1, (int) Math.round(scenario.keys() * scale));
                int tenants = Math.max(1, Math.min(keys, (int) Math.round(scenario.tenants() * Math.min(1, scale * 2))));
                List<String> tenantIds = new ArrayList<>();
                for (int t = 0; t < tenants; t++) {
                    String tenant = "sim-" + run + "-" + scenarioNumber + "-" + t;
                    admin.createTenant(tenant, model.baseUrl());
                    tenantIds.add(tenant);
                }
                List<Traffic.KeyTraffic> keyTraffic = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    MoatAdmin.Key key = admin.createKey(tenantIds.get(k % tenants), "sim " + k);
                    if (scenario.ownWorkload() != null && declareOwnWorkloads) {
                        admin.declareOwnWorkload(key.id(), scenario.ownWorkload());
                    }
                    keyTraffic.add(new Traffic.KeyTraffic(key, scenario.client().of(clients),
                            scenario.plan().of(k, random, data)));
                }
                traffic.add(new Traffic(scenario, keyTraffic));
                log("%-45s %5d keys over %3d tenants, %6d requests planned", scenario.name(), keys, tenants,
                        keyTraffic.stream().mapToInt(k -> k.steps().size()).sum());
            }
            Instant started = Instant.now();
            log("sending through %s ...", moat);
            send(traffic);
            long sent = traffic.stream().flatMap(t -> t.keys().stream()).mapToLong(Traffic.KeyTraffic::sent).sum();
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            log("sent %d requests in %.0f s (%.0f/s); answers: %s", sent, seconds, sent / seconds, statuses);
            List<Long> sorted = latencies.stream().sorted().toList();
            log("time to the whole answer, as the clients saw it: p50 %d ms, p90 %d ms, p99 %d ms (a script's "
                    + "next request follows 40 ms after it; Moat measures the pause from its side)",
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() * 99 / 100));
            log("waiting 15 s for detection to catch up ...");
            Thread.sleep(15_000);
            admin.signIn();
            List<JsonObject> cases = admin.casesUpdatedSince(started.minusSeconds(5));
            log("%d cases opened or updated", cases.size());
            Report.print(traffic, Cases.of(cases), seconds, sent);
        }
    }

    /** Every key on its own virtual thread, pausing as its plan says. */
    private void send(List<Traffic> traffic) throws InterruptedException {
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Traffic scenario : traffic) {
                for (Traffic.KeyTraffic key : scenario.keys()) {
                    executor.submit(() -> {
                        for (Scenario.Step step : key.steps()) {
                            Thread.sleep(step.atMillis() < 0 ? step.pauseMillis()
                                    : Math.max(0, step.atMillis() - (System.nanoTime() - start) / 1_000_000));
                            post(key.key().secret(), key.client(), step);
                            key.sentOne();
                        }
                        return null;
                    });
                }
            }
        }
    }

    private int post(String secret, Client client, Scenario.Step step) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moat + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + secret)
                    .header("Content-Type", "application/json").header("X-Forwarded-For", step.clientAddress());
            client.headers().forEach(request::header);
            long sending = System.nanoTime();
            HttpResponse<Void> answer = http.send(request
                    .POST(HttpRequest.BodyPublishers.ofString(step.body().toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            latencies.add((System.nanoTime() - sending) / 1_000_000);
            statuses.computeIfAbsent(answer.statusCode(), code -> new AtomicLong()).incrementAndGet();
            return answer.statusCode();
        } catch (IOException e) {
            statuses.computeIfAbsent(0, code -> new AtomicLong()).incrementAndGet();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[sim] " + format + "%n", args);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
