package dev.moat.detection;

import dev.moat.incident.Detection;
import dev.moat.incident.DetectionService;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.inspection.Finding;
import dev.moat.inspection.Verdict;
import dev.moat.platform.HandOff;
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
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Turns what the gateway sees into cases without making a request wait: the request path only queues an
 * {@link Observation} of each inspected request; every second the queue is drained on one thread, which feeds
 * behavioural detection ({@link BehaviourMonitor}) and turns each key's throttled or worse verdicts into one
 * detection. Detections open the key's (or campaign's) case or add to it. A full queue drops observations
 * (counted in the log), never requests.
 */
@ApplicationScoped
public class DetectionReporter {

    /** How many of a key's last requests the test bench can find (while the key stays among the active ones). */
    public static final int RECENT_PER_KEY = RecentRequests.PER_KEY;

    private static final Logger LOG = Logger.getLogger(DetectionReporter.class.getName());
    private static final int QUEUE = 20_000;
    private static final int SAMPLE = 500;
    /** Secrets a prompt may carry, masked before a sample becomes evidence. */
    private static final Pattern SECRETS = Pattern.compile(
            "(?:moat|sk|pk|rk|ghp|xox[abp])[-_][A-Za-z0-9_\\-]{8,}|[A-Za-z0-9+/=_-]{40,}");

    private final DetectionService detections;
    private final UsageService usage;
    private final Clock clock;
    private final HandOff<Observation> queue = new HandOff<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final BehaviourMonitor behaviour = new BehaviourMonitor();
    private final RecentRequests recent = new RecentRequests();
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
        draining = scheduler.scheduleWithFixedDelay(this::drainSafely, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (draining != null) {
            draining.cancel(false);
        }
    }

    /** Called on the request path: never waits. */
    public void report(Observation seen) {
        if (!queue.offer(seen)) {
            dropped.incrementAndGet(); // counted here, logged by the drain: no log line per request under attack
        }
    }

    /** A periodic task that throws is never run again: whatever happens, the next drain must come. */
    private void drainSafely() {
        try {
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                LOG.warning(() -> "Detection queue was full: " + lost + " observations were dropped");
            }
            List<Observation> batch = new ArrayList<>(queue.size());
            queue.drainTo(batch, Integer.MAX_VALUE);
            List<Detection> raised = new ArrayList<>();
            Map<String, List<Observation>> refusedByKey = new LinkedHashMap<>();
            Map<String, Long> firstRefusalAt = new LinkedHashMap<>();
            for (Observation seen : batch) {
                recent.add(seen);
                raised.addAll(behaviour.observe(seen));
                if (seen.verdict().decision().compareTo(Verdict.Decision.THROTTLE) >= 0) {
                    refusedByKey.computeIfAbsent(seen.keyId(), key -> new ArrayList<>()).add(seen);
                    firstRefusalAt.putIfAbsent(seen.keyId(), behaviour.requestsOf(seen.keyId()));
                }
            }
            raised.addAll(behaviour.campaignDetections());
            refusedByKey.forEach((keyId, seenOfKey) -> raised.add(detection(seenOfKey, firstRefusalAt.get(keyId),
                    behaviour.assessment(keyId), usageOf(seenOfKey.getFirst()))));
            raised.forEach(this::raiseSafely);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Detections could not be turned into cases; trying again in a second", e);
        }
    }

    /** One detection that cannot be stored (say, the database is down) must not lose the others. */
    private void raiseSafely(Detection detection) {
        try {
            detections.raise(detection);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A detection about " + (detection.campaignId() != null ? "campaign "
                    + detection.campaignId() : "key " + detection.keyId()) + " could not be stored", e);
        }
    }

    /** The latest behavioural assessment of a key, if it has sent inspected requests since Moat started. */
    public Optional<Assessment> behaviourOf(String keyId) {
        return behaviour.assessment(keyId);
    }

    /** The key's last inspected requests (at most {@code limit}, oldest first), as far as memory holds them. */
    public List<Observation> recentRequestsOf(String keyId, int limit) {
        return recent.ofKey(keyId, limit);
    }

    /** The key's traffic in the last hour, as evidence beside the findings. */
    private String usageOf(Observation seen) {
        Instant now = clock.instant();
        UsageTimeline hour = usage.timeline(seen.tenantId(), seen.keyId(), now.minus(Duration.ofHours(1)), now,
                Duration.ofHours(1));
        return "Usage of key " + seen.keyId() + " in the hour before: " + hour.requests() + " requests ("
                + hour.refused() + " refused), " + hour.promptTokens() + " prompt and " + hour.completionTokens()
                + " completion tokens.";
    }

    /**
     * One detection for a key's refused requests of a batch: the worst one's findings, a sample, and the key's
     * behaviour (score, reasons, feature values) and usage beside them.
     */
    static Detection detection(List<Observation> seenOfKey, long keyRequests, Optional<Assessment> behaviour,
                               String usageFigures) {
        Observation worst = seenOfKey.stream().max((a, b) -> Integer.compare(a.verdict().score(), b.verdict().score()))
                .orElseThrow();
        List<String> rules = seenOfKey.stream().flatMap(seen -> seen.verdict().findings().stream())
                .filter(Finding::enforced).map(Finding::ruleId).distinct().sorted().toList();
        StringBuilder evidence = new StringBuilder();
        evidence.append("Inspection of key ").append(worst.keyId()).append(": detected after ").append(keyRequests)
                .append(" requests of the key.\n");
        evidence.append(seenOfKey.size()).append(" request(s) inspected as ")
                .append(worst.verdict().decision().name().toLowerCase()).append(" or lighter; the worst scored ")
                .append(worst.verdict().score()).append(".\n\nFindings of the worst:\n");
        worst.verdict().findings().forEach(finding -> evidence.append("- ").append(finding.ruleId()).append(" (+")
                .append(finding.score()).append(finding.enforced() ? "" : ", monitored").append("): ")
                .append(finding.evidence()).append('\n'));
        evidence.append("\nSample prompt (first ").append(SAMPLE).append(" characters, secrets masked):\n")
                .append(masked(worst.request().userText())).append("\n\n");
        behaviour.ifPresent(assessment -> evidence.append("Behaviour of the key over its recent requests: ")
                .append(assessment.explain()).append("\n\n"));
        evidence.append(usageFigures);
        List<Observable> observables = new ArrayList<>();
        observables.add(new Observable(Observable.Kind.API_KEY, worst.keyId()));
        seenOfKey.stream().map(Observation::clientAddress).distinct().limit(20)
                .forEach(address -> observables.add(new Observable(Observable.Kind.CLIENT_ADDRESS, address)));
        seenOfKey.stream().map(Observation::country).filter(country -> country != null).distinct()
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

    /** The first characters of a prompt, with whatever looks like a secret masked: what evidence may show. */
    public static String masked(String prompt) {
        String sample = prompt == null ? "" : prompt.length() <= SAMPLE ? prompt : prompt.substring(0, SAMPLE) + "…";
        return SECRETS.matcher(sample).replaceAll("****");
    }
}
