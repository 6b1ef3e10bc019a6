package dev.moat.inspection;

import dev.moat.incident.Detection;
import dev.moat.incident.DetectionService;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.usage.UsageService;
import dev.moat.usage.UsageTimeline;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Turns the gateway's inspection verdicts into cases without making a request wait: the request path only
 * queues the verdict; every two seconds the queue is drained and each key's verdicts become one detection,
 * which opens the key's case or adds to it. A full queue drops verdicts (counted in the log), never requests.
 */
@ApplicationScoped
public class DetectionReporter {

    private static final Logger LOG = Logger.getLogger(DetectionReporter.class.getName());
    private static final int QUEUE = 10_000;
    private static final int SAMPLE = 500;
    /** Secrets a prompt may carry, masked before a sample becomes evidence. */
    private static final Pattern SECRETS = Pattern.compile(
            "(?:moat|sk|pk|rk|ghp|xox[abp])[-_][A-Za-z0-9_\\-]{8,}|[A-Za-z0-9+/=_-]{40,}");

    /** What the gateway saw of one inspected request. */
    public record Seen(String tenantId, String keyId, String clientAddress, String country, Verdict verdict,
                       String prompt) {
    }

    private final DetectionService detections;
    private final UsageService usage;
    private final Clock clock;
    private final BlockingQueue<Seen> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private ScheduledFuture<?> draining;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** For CDI's client proxy only. */
    protected DetectionReporter() {
        this(null, null, null);
    }

    @Inject
    public DetectionReporter(DetectionService detections, UsageService usage, Clock clock) {
        this.detections = detections;
        this.usage = usage;
        this.clock = clock;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        draining = scheduler.scheduleWithFixedDelay(this::drainSafely, 2, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (draining != null) {
            draining.cancel(false);
        }
    }

    /** Called on the request path: never waits. */
    public void report(Seen seen) {
        if (!queue.offer(seen)) {
            dropped.incrementAndGet(); // counted here, logged by the drain: no log line per request under attack
        }
    }

    /** A periodic task that throws is never run again: whatever happens, the next drain must come. */
    private void drainSafely() {
        try {
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                LOG.warning(() -> "Detection queue was full: " + lost + " verdicts were dropped");
            }
            List<Seen> batch = new ArrayList<>();
            queue.drainTo(batch);
            Map<String, List<Seen>> byKey = new LinkedHashMap<>();
            batch.forEach(seen -> byKey.computeIfAbsent(seen.keyId(), key -> new ArrayList<>()).add(seen));
            byKey.values().forEach(seenOfKey -> detections.raise(detection(seenOfKey, usageOf(seenOfKey.getFirst()))));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Detections could not be turned into cases; trying again in two seconds", e);
        }
    }

    /** The key's traffic in the last hour, as evidence beside the findings. */
    private String usageOf(Seen seen) {
        Instant now = clock.instant();
        UsageTimeline hour = usage.timeline(seen.tenantId(), seen.keyId(), now.minus(Duration.ofHours(1)), now,
                Duration.ofHours(1));
        return "Usage of key " + seen.keyId() + " in the hour before: " + hour.requests() + " requests ("
                + hour.refused() + " refused), " + hour.promptTokens() + " prompt and " + hour.completionTokens()
                + " completion tokens.";
    }

    static Detection detection(List<Seen> seenOfKey, String usageFigures) {
        Seen worst = seenOfKey.stream().max((a, b) -> Integer.compare(a.verdict().score(), b.verdict().score()))
                .orElseThrow();
        List<String> rules = seenOfKey.stream().flatMap(seen -> seen.verdict().findings().stream())
                .filter(Finding::enforced).map(Finding::ruleId).distinct().sorted().toList();
        StringBuilder evidence = new StringBuilder();
        evidence.append(seenOfKey.size()).append(" request(s) inspected as ")
                .append(worst.verdict().decision().name().toLowerCase()).append(" or lighter; the worst scored ")
                .append(worst.verdict().score()).append(".\n\nFindings of the worst:\n");
        worst.verdict().findings().forEach(finding -> evidence.append("- ").append(finding.ruleId()).append(" (+")
                .append(finding.score()).append(finding.enforced() ? "" : ", monitored").append("): ")
                .append(finding.evidence()).append('\n'));
        evidence.append("\nSample prompt (first ").append(SAMPLE).append(" characters, secrets masked):\n")
                .append(masked(worst.prompt())).append("\n\n").append(usageFigures);
        List<Observable> observables = new ArrayList<>();
        observables.add(new Observable(Observable.Kind.API_KEY, worst.keyId()));
        seenOfKey.stream().map(Seen::clientAddress).distinct().limit(20)
                .forEach(address -> observables.add(new Observable(Observable.Kind.CLIENT_ADDRESS, address)));
        seenOfKey.stream().map(Seen::country).filter(country -> country != null).distinct()
                .forEach(country -> observables.add(new Observable(Observable.Kind.COUNTRY, country)));
        return new Detection(worst.tenantId(), worst.keyId(), null, severity(worst.verdict().decision()),
                "inspection " + worst.verdict().decision().name().toLowerCase() + ": " + String.join(", ", rules),
                evidence.toString(), observables);
    }

    private static Severity severity(Verdict.Decision decision) {
        return switch (decision) {
            case BLOCK -> Severity.CRITICAL;
            case DEGRADE -> Severity.HIGH;
            case THROTTLE -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }

    static String masked(String prompt) {
        String sample = prompt == null ? "" : prompt.length() <= SAMPLE ? prompt : prompt.substring(0, SAMPLE) + "…";
        return SECRETS.matcher(sample).replaceAll("****");
    }
}
