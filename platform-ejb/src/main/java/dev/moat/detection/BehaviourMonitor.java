package dev.moat.detection;

import dev.moat.incident.Detection;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Behavioural detection: follows every key's recent requests and links keys that act as one into campaigns,
 * in bounded memory (the least recently active keys are forgotten first). Raises a detection when a key's or a
 * campaign's behaviour scores as suspicious, and again when it has doubled its requests (or a campaign has
 * grown by half), so that a case grows with the attack. Runs on the detection thread only; the latest
 * assessment of each key may be read from any thread.
 */
final class BehaviourMonitor {

    static final int KEY_WINDOW = 50;
    private static final int MAX_KEYS = 25_000;
    private static final int MAX_TEMPLATES = 200_000;
    private static final int SAMPLES = 3;
    /** A campaign is several keys: two could be one person's old and new key. */
    static final int MIN_CAMPAIGN_KEYS = 3;

    private static final class KeyState {
        final String tenantId;
        final Window window = new Window(KEY_WINDOW);
        final Deque<String> samples = new ArrayDeque<>(SAMPLES);
        Campaign campaign;
        long reportedAt;

        KeyState(String tenantId) {
            this.tenantId = tenantId;
        }

        Campaign campaign() {
            return campaign == null ? null : (campaign = campaign.current());
        }
    }

    private final Map<String, Assessment> latest = new ConcurrentHashMap<>();
    private final Map<String, KeyState> keys = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyState> eldest) {
            if (size() > MAX_KEYS) {
                latest.remove(eldest.getKey());
                return true;
            }
            return false;
        }
    };
    /** For each template hash, the key that sent it last. */
    private final Map<Long, String> templateOwners = new LinkedHashMap<>(4096, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > MAX_TEMPLATES;
        }
    };

    /** The detections this request leads to (most often none). */
    List<Detection> observe(Observation seen) {
        PromptShape shape = PromptShape.of(seen.request().userText());
        KeyState key = keys.computeIfAbsent(seen.keyId(), id -> new KeyState(seen.tenantId()));
        link(seen.keyId(), key, shape);
        key.window.add(seen, shape);
        if (key.samples.size() == SAMPLES) {
            key.samples.removeFirst();
        }
        key.samples.addLast(DetectionReporter.masked(seen.request().userText()));
        Campaign campaign = key.campaign();
        if (campaign != null) {
            campaign.observe(seen, shape);
        }
        Assessment assessment = Assessment.of(key.window.features(), true);
        latest.put(seen.keyId(), assessment);
        List<Detection> detections = new ArrayList<>(0);
        long requests = key.window.requests();
        if (assessment.suspicious() && requests >= 2 * key.reportedAt) {
            key.reportedAt = requests;
            detections.add(keyDetection(seen, key, assessment));
        }
        if (campaign != null && campaign.keyCount() >= MIN_CAMPAIGN_KEYS && campaign.worthReporting()) {
            Assessment together = Assessment.of(campaign.features(), false);
            if (together.suspicious()) {
                campaign.reported("campaign-" + seen.keyId());
                detections.add(campaignDetection(seen, campaign, together));
            }
        }
        return detections;
    }

    /** The latest assessment of a key's behaviour, if it has been seen since Moat started. */
    Optional<Assessment> assessment(String keyId) {
        return Optional.ofNullable(latest.get(keyId));
    }

    private void link(String keyId, KeyState key, PromptShape shape) {
        for (long template : shape.templates()) {
            String owner = templateOwners.put(template, keyId);
            if (owner != null && !owner.equals(keyId)) {
                KeyState other = keys.get(owner);
                if (other != null) {
                    join(keyId, key, owner, other);
                }
            }
        }
    }

    private static void join(String keyId, KeyState key, String otherId, KeyState other) {
        Campaign mine = key.campaign();
        Campaign theirs = other.campaign();
        if (mine != null && mine == theirs) {
            mine.linked();
            return;
        }
        Campaign joined;
        if (mine == null && theirs == null) {
            joined = new Campaign();
            joined.add(otherId, other.window.requests());
            joined.add(keyId, key.window.requests());
        } else if (mine == null || theirs == null) {
            joined = mine == null ? theirs : mine;
            if (mine == null) {
                joined.add(keyId, key.window.requests());
            } else {
                joined.add(otherId, other.window.requests());
            }
        } else {
            joined = mine.keyCount() >= theirs.keyCount() ? mine : theirs;
            joined.absorb(joined == mine ? theirs : mine);
        }
        joined.linked();
        key.campaign = joined;
        other.campaign = joined;
    }

    private static Detection keyDetection(Observation seen, KeyState key, Assessment assessment) {
        StringBuilder evidence = new StringBuilder("Behaviour of key ").append(seen.keyId())
                .append(": detected after ").append(key.window.requests()).append(" requests of the key.\n")
                .append(assessment.explain()).append("\n\nRecent prompts (secrets masked):\n");
        key.samples.forEach(sample -> evidence.append("- ").append(sample.replace('\n', ' ')).append('\n'));
        List<Observable> observables = new ArrayList<>();
        observables.add(new Observable(Observable.Kind.API_KEY, seen.keyId()));
        observables.add(new Observable(Observable.Kind.CLIENT_ADDRESS, seen.clientAddress()));
        if (seen.country() != null) {
            observables.add(new Observable(Observable.Kind.COUNTRY, seen.country()));
        }
        return new Detection(seen.tenantId(), seen.keyId(), null, assessment.score() >= 2 * Assessment.THRESHOLD
                ? Severity.HIGH : Severity.MEDIUM, "behaviour: " + headline(assessment), evidence.toString(),
                observables);
    }

    private static Detection campaignDetection(Observation seen, Campaign campaign, Assessment assessment) {
        StringBuilder evidence = new StringBuilder("Campaign ").append(campaign.id()).append(": ")
                .append(campaign.keyCount()).append(" keys linked after ").append(campaign.requests())
                .append(" requests of the campaign, by ").append(campaign.links())
                .append(" shared prompt templates or near-duplicate prompts.\n")
                .append("Tenants: ").append(String.join(", ", campaign.tenants()))
                .append("\nCountries: ").append(String.join(", ", campaign.countries()))
                .append("\nNetworks: ").append(campaign.networks().size()).append(campaign.networks().size() >= 100
                        ? " or more" : "").append('\n')
                .append(assessment.explain()).append("\n\nKeys: ");
        evidence.append(String.join(", ", campaign.keys()));
        if (campaign.keyCount() > campaign.keys().size()) {
            evidence.append(" and ").append(campaign.keyCount() - campaign.keys().size()).append(" more");
        }
        evidence.append("\n\nA sample prompt (secrets masked):\n").append(DetectionReporter.masked(seen.request().userText()));
        List<Observable> observables = new ArrayList<>();
        campaign.keys().forEach(key -> observables.add(new Observable(Observable.Kind.API_KEY, key)));
        campaign.countries().forEach(country -> observables.add(new Observable(Observable.Kind.COUNTRY, country)));
        observables.add(new Observable(Observable.Kind.CAMPAIGN, campaign.id()));
        return new Detection(seen.tenantId(), null, campaign.id(), Severity.HIGH,
                "campaign of " + campaign.keyCount() + " keys: " + headline(assessment), evidence.toString(),
                observables);
    }

    /** The strongest reason, for the case's title. */
    private static String headline(Assessment assessment) {
        return assessment.reasons().stream().filter(reason -> reason.points() > 0)
                .max((a, b) -> Integer.compare(a.points(), b.points()))
                .map(reason -> reason.why().length() <= 120 ? reason.why() : reason.why().substring(0, 119) + "…")
                .orElse("suspicious behaviour");
    }
}
