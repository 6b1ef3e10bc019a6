package dev.moat.detection;

import dev.moat.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys that act as one: linked because their prompts share templates or are near-duplicates, because they
 * sweep from one network, of one account or with one client build, or because their requests set off together.
 * Keeps the campaign's recent requests across all its keys, and what its keys have in common. Detection thread
 * only.
 */
final class Campaign {

    /** Why two keys were linked. */
    enum Link { PROMPTS, NETWORK, ACCOUNT, CLIENT, TIMING }

    /** Members named in evidence; the count goes on beyond. */
    static final int LISTED_KEYS = 2_000;
    private static final int WINDOW = 200;

    private final Window window = new Window(WINDOW);
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> tenants = new LinkedHashSet<>();
    private final Set<String> countries = new LinkedHashSet<>();
    private final Set<Cidr> networks = new LinkedHashSet<>();
    private final Set<String> software = new LinkedHashSet<>();
    private int keyCount;
    private long requests;
    private long promptLinks;
    private long networkLinks;
    private long accountLinks;
    private long clientLinks;
    private long timingLinks;
    /** Set when merged into another campaign: the one to look at instead. */
    private Campaign mergedInto;
    /** Set when it was first reported: the case it goes to. */
    private String id;
    /** Reported campaigns it took in since its last report: their cases are to be merged into its own. */
    private final List<String> superseded = new ArrayList<>();
    /** How many of {@link #keys} (in their order) its case names already. */
    private int reportedKeys;

    /** A key joins with the requests it has sent so far. */
    void add(String keyId, long itsRequests) {
        if (keys.size() < LISTED_KEYS ? keys.add(keyId) : !keys.contains(keyId)) {
            keyCount++;
            requests += itsRequests;
        }
    }

    /** The campaign this one is now part of (itself unless merged), with the path shortened as in union–find. */
    Campaign current() {
        Campaign root = this;
        while (root.mergedInto != null) {
            root = root.mergedInto;
        }
        if (mergedInto != null && mergedInto != root) {
            mergedInto = root;
        }
        return root;
    }

    void observe(Observation seen, PromptShape shape, boolean singleQuestion) {
        requests++;
        window.add(seen, shape, singleQuestion);
        bounded(tenants, seen.tenantId());
        bounded(countries, seen.country());
        bounded(networks, seen.network());
    }

    private static <T> void bounded(Set<T> set, T value) {
        if (value != null && set.size() < 100) {
            set.add(value);
        }
    }

    /** Takes in another campaign's keys and figures; its recent requests stay behind (the window refills). */
    void absorb(Campaign other) {
        other.mergedInto = this;
        for (String key : other.keys) {
            if (keys.size() < LISTED_KEYS ? keys.add(key) : !keys.contains(key)) {
                keyCount++;
            }
        }
        keyCount += Math.max(0, other.keyCount - other.keys.size());
        requests += other.requests;
        other.tenants.forEach(tenant -> bounded(tenants, tenant));
        other.countries.forEach(country -> bounded(countries, country));
        other.networks.forEach(network -> bounded(networks, network));
        other.software.forEach(client -> bounded(software, client));
        promptLinks += other.promptLinks;
        networkLinks += other.networkLinks;
        accountLinks += other.accountLinks;
        clientLinks += other.clientLinks;
        timingLinks += other.timingLinks;
        if (id == null && other.id != null) { // keep the case that exists; the other's keys are new to it
            id = other.id;
        } else if (other.id != null) {
            superseded.add(other.id);
        }
        superseded.addAll(other.superseded);
    }

    void linked(Link why) {
        switch (why) {
            case NETWORK -> networkLinks++;
            case ACCOUNT -> accountLinks++;
            case CLIENT -> clientLinks++;
            case PROMPTS -> promptLinks++;
            case TIMING -> timingLinks++;
        }
    }

    /** Its keys were linked for sweeping with this client software. */
    void usedBy(ClientFingerprint client) {
        bounded(software, client.software().isEmpty() ? "(no User-Agent)" : client.software());
    }

    /** Requests of all its keys, including those sent before they were linked. */
    long requests() {
        return requests;
    }

    Features features() {
        return window.features();
    }

    int keyCount() {
        return keyCount;
    }

    Set<String> keys() {
        return keys;
    }

    Set<String> tenants() {
        return tenants;
    }

    Set<String> countries() {
        return countries;
    }

    Set<Cidr> networks() {
        return networks;
    }

    /** Links made because two keys swept at machine pace from one network, of one account or with one client. */
    long machineSweepLinks() {
        return networkLinks + accountLinks + clientLinks;
    }

    /** Links made because two keys' requests set off together, burst after burst. */
    long timingLinks() {
        return timingLinks;
    }

    /** What linked its keys, for the evidence: "12 shared prompt templates or near-duplicate prompts". */
    String explainLinks() {
        List<String> reasons = new ArrayList<>();
        if (promptLinks > 0) {
            reasons.add(promptLinks + " shared prompt templates or near-duplicate prompts");
        }
        if (networkLinks > 0) {
            reasons.add(networkLinks + " sweeps from a network another key swept from");
        }
        if (accountLinks > 0) {
            reasons.add(accountLinks + " sweeps by a key whose account another key swept for");
        }
        if (clientLinks > 0) {
            reasons.add(clientLinks + " sweeps with a client build no ordinary key uses (" + String.join("; ", software)
                    + ")");
        }
        if (timingLinks > 0) {
            reasons.add(timingLinks + " keys whose bursts of requests began within " + BehaviourMonitor.LOCKSTEP_MILLIS
                    + " ms of another key's, burst after burst");
        }
        return String.join(" and ", reasons);
    }

    String id() {
        return id;
    }

    /** Keys joined since the last report (all of them before the first). */
    boolean hasUnreportedKeys() {
        return reportedKeys < keys.size() || !superseded.isEmpty();
    }

    /** The reported campaigns taken in since the last call, whose cases its own case now carries on. */
    List<String> takeSuperseded() {
        List<String> taken = List.copyOf(superseded);
        superseded.clear();
        return taken;
    }

    /** Marks the campaign reported under its id (given now if it has none) and answers the keys new to it. */
    List<String> reportKeys(String newId) {
        id = id == null ? newId : id;
        List<String> unreported = List.copyOf(keys).subList(reportedKeys, keys.size());
        reportedKeys = keys.size();
        return unreported;
    }
}
