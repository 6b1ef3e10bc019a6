package dev.moat.detection;

import dev.moat.incident.Detection;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.net.Cidr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * A followed key holds up to ~33 KB (31 KB measured: 50 requests of 100 varied words each, most of it the
     * window's template and topic hashes; and 2 KB of conversation hashes): keys are followed up to a quarter of
     * the heap, and never more than 25,000. With -Xmx1g that is 7,710 keys.
     */
    private static final long KEY_BYTES = 34 * 1024;
    private static final int MAX_KEYS = (int) Math.min(25_000, Runtime.getRuntime().maxMemory() / 4 / KEY_BYTES);
    private static final int MAX_TENANTS = 10_000;
    private static final int MAX_TEMPLATES = 200_000;
    private static final int MAX_NETWORKS = 100_000;
    private static final int MAX_CLIENTS = 10_000;
    private static final int SAMPLES = 3;
    private static final int SAMPLE_CHARS = 600;
    /**
     * Each request of a new key is assessed; after that every fifth (a key's window changes little from one
     * request to the next, and measuring it walks the whole window).
     */
    private static final int ASSESS_EVERY_REQUEST_UNTIL = 30;
    private static final int ASSESS_EVERY = 5;
    /** A campaign is several keys: two could be one person's old and new key. */
    static final int MIN_CAMPAIGN_KEYS = 3;
    private static final double CAMPAIGN_SINGLE_TURN = 0.75;
    private static final int MIN_REQUESTS_TO_LINK = 3;
    /** Keys remembered per template: a key sends its requests in a burst, and must still find the others. */
    private static final int OWNERS = 8;
    private static final int AFFIX_WEIGHT = 2;
    private static final int NEAR_DUPLICATE_WEIGHT = 1;
    private static final int LINK_WEIGHT = 4;
    /**
     * Two keys sweeping from one network, of one account or with a client build that ordinary keys do not use,
     * twice: one operator's scripts, whatever their prompts.
     */
    private static final int SWEEP_WEIGHT = 2;
    /** Distinct keys remembered per client fingerprint, the most recently active first. */
    private static final int CLIENT_KEYS = 32;
    /** A client this many ordinary keys use is stock software (an SDK release): sharing it says nothing. */
    private static final int COMMON_CLIENT_USERS = 3;
    /** An ordinary key scores at most this much over enough requests (a sweep alone scores 4). */
    private static final int ORDINARY_MOST_POINTS = 2;
    /** Keys needed to judge a client's users, and the share of them that must sweep at machine pace. */
    private static final int MIN_CLIENT_KEYS = 8;
    private static final double SWEEPING_CLIENT = 0.75;
    /** Prompts this unrelated, one after another (see {@link Features#topicDiversity()}), sweep over tasks. */
    private static final double SWEEP_DIVERSITY = 0.9;
    /** Answers at most this much longer than the prompts, from one template: rewriting documents, not generating. */
    private static final double TEMPLATED_DOCUMENT_RATIO = 1.2;

    /** Requests of two keys this close set off together; the quiet before a request that begins a key's burst. */
    static final long LOCKSTEP_MILLIS = 100;
    private static final long BURST_QUIET_MILLIS = 1_000;
    /**
     * Burst starts remembered per key; a key's latest must be this many at least, and this share of them must each
     * meet one of another key's, for the two to be in lockstep. People's requests meet by chance now and then; a
     * program's fan-out meets every time.
     */
    private static final int BURSTS = 8;
    private static final int MIN_LOCKSTEP_BURSTS = 4;
    private static final double LOCKSTEP_SHARE = 0.75;
    private static final int MAX_SLOTS = 100_000;
    private static final int KEYS_PER_SLOT = 64;

    /** The template hashes of this many of a key's latest prompts tell which of them are its own templates. */
    private static final int RECENT_PROMPTS = 16;
    /** Requests remembered per key as conversations to continue: a chat product's users interleave theirs. */
    private static final int CONVERSATIONS = 256;

    private static final class KeyState {
        final Window window = new Window(KEY_WINDOW);
        final Deque<String> samples = new ArrayDeque<>(SAMPLES);
        /** The template hashes of the latest prompts ({@link PromptShape#templates()} each), oldest overwritten first. */
        final long[] written = new long[PromptShape.TEMPLATE_HASHES * RECENT_PROMPTS];
        /** The whole-prompt hashes of those prompts. */
        final long[] wholes = new long[RECENT_PROMPTS];
        int prompts;
        /** Whether one of the key's latest prompts' first or last words came back: it writes from a template. */
        boolean hasTemplate;
        Campaign campaign;
        /** Declared its tenant's own workload, as its latest request said: never joins a campaign. */
        boolean ownWorkload;
        long reportedAt;
        TenantBaseline tenant;
        /** What the key adds to its tenant's baseline (its single-turn share; NaN for nothing). */
        double inBaseline = Double.NaN;
        /**
         * When its latest bursts began (requests a second or more after the key's previous answer), the oldest
         * overwritten first.
         */
        final long[] burstStarts = new long[BURSTS];
        /** The conversation hashes of its latest requests, the oldest overwritten first. */
        final long[] conversations = new long[CONVERSATIONS];
        int conversationsKnown;
        int nextConversation;
        int bursts;
        long lastAnsweredMillis = Long.MIN_VALUE;

        /**
         * Notes a request; true when it is one question with no conversation of this key's before it. A request
         * continues a conversation only when everything before its latest answer and question is an earlier request
         * of this key, and each request is continued once: a history made up inside each request ("Here is a first
         * answer." "Now elaborate."), examples put before every question, or one opening sent once and then put
         * before every question, hold no conversation.
         */
        boolean singleQuestion(Observation seen) {
            long continues = seen.request().continues();
            boolean continuation = false;
            for (int i = 0; i < conversationsKnown && !continuation && continues != 0; i++) {
                continuation = conversations[i] == continues;
                conversations[i] = continuation ? 0 : conversations[i];
            }
            conversations[nextConversation] = seen.request().conversation();
            nextConversation = (nextConversation + 1) % CONVERSATIONS;
            conversationsKnown = Math.min(conversationsKnown + 1, CONVERSATIONS);
            return !continuation;
        }

        /**
         * Notes a request; true when it begins a burst. Quiet is counted from the previous answer, not the previous
         * request: a script that waits for each answer of a slow gateway is not bursting, and a gateway that stalls
         * would otherwise make many such scripts seem to start together.
         */
        boolean beginsBurst(long atMillis, long answeredAfterMillis) {
            boolean begins = lastAnsweredMillis != Long.MIN_VALUE
                    && atMillis - lastAnsweredMillis >= BURST_QUIET_MILLIS;
            lastAnsweredMillis = Math.max(lastAnsweredMillis, atMillis + answeredAfterMillis);
            if (begins) {
                burstStarts[bursts++ % BURSTS] = atMillis;
            }
            return begins;
        }

        /**
         * Whether the two keys' latest bursts began together: enough of this key's, and that share of them, each
         * within {@link #LOCKSTEP_MILLIS} of one of the other's.
         */
        boolean inLockstepWith(KeyState other) {
            int mine = Math.min(bursts, BURSTS);
            if (mine < MIN_LOCKSTEP_BURSTS || other.bursts < MIN_LOCKSTEP_BURSTS) {
                return false;
            }
            int met = 0;
            for (int i = 0; i < mine; i++) {
                for (int j = 0; j < Math.min(other.bursts, BURSTS); j++) {
                    if (Math.abs(burstStarts[i] - other.burstStarts[j]) <= LOCKSTEP_MILLIS) {
                        met++;
                        break;
                    }
                }
            }
            return met >= LOCKSTEP_SHARE * mine;
        }

        Campaign campaign() {
            return campaign == null ? null : (campaign = campaign.current());
        }

        /**
         * Whether the key writes this template hash (first or last eight words, or a near-duplicate band) as its
         * own: in at least {@code least} of its latest prompts, and in a quarter of them at least. A task that comes
         * back once among sixteen prompts (a harvester asking two ways about the same task) is no template; one of a
         * few templates taken in turn is.
         */
        boolean writes(long hash, int least) {
            int noted = Math.min(prompts, RECENT_PROMPTS);
            int uses = 0;
            for (int i = 0; i < noted * PromptShape.TEMPLATE_HASHES; i++) {
                uses += written[i] == hash ? 1 : 0;
            }
            return uses >= least && 4 * uses >= noted;
        }

        /** Whether the key sent this very prompt among its latest ones. */
        boolean repeats(long whole) {
            for (int i = 0; i < Math.min(prompts, RECENT_PROMPTS); i++) {
                if (wholes[i] == whole) {
                    return true;
                }
            }
            return false;
        }

        /** Notes a prompt's template hashes; the same prompt sent again is no template and is not noted. */
        void sent(long[] templates, long whole) {
            if (repeats(whole)) {
                return;
            }
            int slot = prompts % RECENT_PROMPTS;
            wholes[slot] = whole;
            System.arraycopy(templates, 0, written, slot * PromptShape.TEMPLATE_HASHES, PromptShape.TEMPLATE_HASHES);
            prompts++;
            hasTemplate = false;
            int noted = Math.min(prompts, RECENT_PROMPTS);
            for (int a = 0; a < noted && !hasTemplate; a++) {
                for (int b = a + 1; b < noted && !hasTemplate; b++) { // prefixes with prefixes, suffixes with suffixes
                    hasTemplate = written[a * PromptShape.TEMPLATE_HASHES] == written[b * PromptShape.TEMPLATE_HASHES]
                            || written[a * PromptShape.TEMPLATE_HASHES + 1] == written[b * PromptShape.TEMPLATE_HASHES + 1];
                }
            }
        }
    }

    private final Map<String, Assessment> latest = new ConcurrentHashMap<>();
    /** Campaigns that saw requests since the last report, with the latest of those requests. */
    private final Map<Campaign, Observation> grown = new LinkedHashMap<>();
    private final Map<String, KeyState> keys = new LeastRecentlyUsed<>(MAX_KEYS, (keyId, forgotten) -> {
        latest.remove(keyId);
        forgotten.tenant.replace(forgotten.inBaseline, Double.NaN);
    });
    private final Map<String, TenantBaseline> tenants = new LeastRecentlyUsed<>(MAX_TENANTS);
    /** A key that sent a template, and the whole prompt it sent. */
    private record TemplateOwner(String keyId, long prompt) {
    }

    /** For each template hash, the last few keys that sent it, the latest first. */
    private final Map<Long, List<TemplateOwner>> templateOwners = new LeastRecentlyUsed<>(MAX_TEMPLATES);

    /** For each client network (/24, /48), the last few keys that swept from it at machine pace, the latest first. */
    private final Map<Cidr, List<String>> networkSweepers = new LeastRecentlyUsed<>(MAX_NETWORKS);

    /** For each tenant, the last few of its keys that swept at machine pace, the latest first. */
    private final Map<String, List<String>> tenantSweepers = new LeastRecentlyUsed<>(MAX_TENANTS);

    /** For each client fingerprint, who uses it. */
    private final Map<Long, ClientUsers> clients = new LeastRecentlyUsed<>(MAX_CLIENTS);

    /** For each slot of {@link #LOCKSTEP_MILLIS}, the sweeping keys (up to 64) whose bursts began in it. */
    private final Map<Long, List<String>> burstsBySlot = new LeastRecentlyUsed<>(MAX_SLOTS);

    /** How many prompts (or sweeps from one network, account or client) each pair of keys has shared, until linked. */
    private final Map<String, Integer> sharedPrompts = new LeastRecentlyUsed<>(MAX_TEMPLATES);

    /**
     * The detections this request leads to (most often none). A key declared its tenant's own workload is
     * assessed as any other, for operators to see (and, like any key, counts in its tenant's baseline only while
     * unsuspicious), but reported never and linked with no other key: its sweep is its owner's.
     */
    List<Detection> observe(Observation seen) {
        PromptShape shape = PromptShape.of(seen.request().userText());
        KeyState key = keys.computeIfAbsent(seen.keyId(), id -> new KeyState());
        TenantBaseline tenant = tenants.computeIfAbsent(seen.tenantId(), id -> new TenantBaseline());
        if (key.tenant != tenant) { // new, or its tenant's baseline was forgotten and begins afresh
            key.tenant = tenant;
            key.inBaseline = Double.NaN;
        }
        key.ownWorkload = seen.ownWorkload(); // join refuses it from now on, whichever key's request links
        link(seen.keyId(), key, shape);
        linkSweepers(seen.keyId(), key, networkSweepers, seen.network(), Campaign.Link.NETWORK);
        linkSweepers(seen.keyId(), key, tenantSweepers, seen.tenantId(), Campaign.Link.ACCOUNT);
        boolean singleQuestion = key.singleQuestion(seen);
        key.window.add(seen, shape, singleQuestion);
        linkByClient(seen.keyId(), key, seen.software());
        linkByTiming(seen.keyId(), key, seen.at().toEpochMilli(), seen.answeredAfterMillis());
        if (key.samples.size() == SAMPLES) {
            key.samples.removeFirst();
        }
        // Masked only when they become evidence: most keys never do, and masking is a regular expression.
        String text = seen.request().userText();
        key.samples.addLast(text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS));
        Campaign campaign = key.ownWorkload ? null : key.campaign(); // one it joined before stays as it was
        if (campaign != null) {
            campaign.observe(seen, shape, singleQuestion);
        }
        if (campaign != null) {
            grown.put(campaign, seen);
        }
        long requests = key.window.requests();
        if (requests > ASSESS_EVERY_REQUEST_UNTIL && requests % ASSESS_EVERY != 0) {
            return List.of();
        }
        Features features = key.window.features();
        Assessment assessment = Assessment.ofKey(features.withTenantSingleTurn(
                key.tenant.singleTurnWithout(key.inBaseline)));
        latest.put(seen.keyId(), assessment);
        double contribution = requests >= TenantBaseline.SETTLED_REQUESTS && !assessment.suspicious()
                ? features.singleTurn() : Double.NaN;
        key.tenant.replace(key.inBaseline, contribution);
        key.inBaseline = contribution;
        if (assessment.suspicious() && !key.ownWorkload && requests >= 2 * key.reportedAt) {
            key.reportedAt = requests;
            return List.of(keyDetection(seen, key, assessment));
        }
        return List.of();
    }

    /**
     * One detection for each suspicious campaign that has new keys since its last report, naming those keys:
     * called once per batch, so that a growing campaign adds to its case about once a second.
     */
    List<Detection> campaignDetections() {
        List<Detection> detections = new ArrayList<>();
        Map<Campaign, Observation> current = new LinkedHashMap<>();
        grown.forEach((campaign, seen) -> current.put(campaign.current(), seen));
        grown.clear();
        current.forEach((campaign, seen) -> {
            if (campaign.keyCount() >= MIN_CAMPAIGN_KEYS && campaign.hasUnreportedKeys()) {
                Assessment together = Assessment.ofCampaign(campaign.features(), campaign.tenants().size(),
                        campaign.machineSweepLinks(), campaign.timingLinks());
                if (together.suspicious()) {
                    detections.add(campaignDetection(seen, campaign, together));
                }
            }
        });
        return detections;
    }

    /** Requests of the key seen so far (0 for a key not followed). */
    long requestsOf(String keyId) {
        KeyState key = keys.get(keyId);
        return key == null ? 0 : key.window.requests();
    }

    /** The latest assessment of a key's behaviour (at most four requests old), if seen since Moat started. */
    Optional<Assessment> assessment(String keyId) {
        return Optional.ofNullable(latest.get(keyId));
    }

    /**
     * Links the key with every other key that sent the same template around a different prompt. The very same
     * prompt from two keys links nothing: people ask the same popular questions, and a shared task list is
     * not yet a shared operation. Keys that mostly hold conversations are never linked: a campaign harvests
     * single answers, and a person whose question resembles an attacker's must not join the attacker's case;
     * nor are keys with fewer than three requests, which say too little either way, nor keys processing
     * documents (see {@link #campaignLike}). Two keys are linked once they have shared enough prompts (see
     * {@link #corroborated}).
     */
    private void link(String keyId, KeyState key, PromptShape shape) {
        boolean joinable = campaignLike(keyId, key);
        Map<String, Integer> sharing = new HashMap<>();
        long[] templates = shape.templates();
        boolean repeat = key.repeats(shape.whole());
        for (int i = 0; i < templates.length; i++) {
            List<TemplateOwner> owners = templateOwners.computeIfAbsent(templates[i], hash -> new ArrayList<>(OWNERS));
            boolean affix = PromptShape.isAffix(i);
            if (joinable) {
                boolean mine = !repeat && key.writes(templates[i], 1); // this prompt is the second
                for (TemplateOwner owner : owners) {
                    if (!owner.keyId().equals(keyId) && owner.prompt() != shape.whole()) {
                        int weight = templateWeight(affix, mine, isTemplateOf(owner.keyId(), templates[i]));
                        if (weight > 0) {
                            sharing.merge(owner.keyId(), weight, Math::max);
                        }
                    }
                }
            }
            owners.removeIf(owner -> owner.keyId().equals(keyId));
            owners.addFirst(new TemplateOwner(keyId, shape.whole()));
            if (owners.size() > OWNERS) {
                owners.removeLast();
            }
        }
        sharing.forEach((otherId, weight) -> {
            KeyState other = keys.get(otherId);
            if (other != null && campaignLike(otherId, other) && corroborated(keyId, otherId, weight)) {
                join(keyId, key, otherId, other, Campaign.Link.PROMPTS);
            }
        });
        if (templates.length > 0) {
            key.sent(templates, shape.whole());
        }
    }

    /**
     * Links the key with the other keys that sweep where it does ({@code shared}: its network, or its tenant),
     * whatever their prompts: an operator running many keys from its own machines, or one account's scripts
     * spread over several keys. Only keys that each sweep over unrelated tasks faster than a person could (see
     * {@link #sweepsByMachine}): people and focused workloads share office and cloud networks, and accounts,
     * every day.
     */
    private <T> void linkSweepers(String keyId, KeyState key, Map<T, List<String>> sweepersBy, T shared,
                                  Campaign.Link why) {
        if (!sweepsByMachine(keyId, key)) {
            return;
        }
        List<String> sweepers = sweepersBy.computeIfAbsent(shared, n -> new ArrayList<>(OWNERS));
        for (String otherId : sweepers) {
            KeyState other = keys.get(otherId);
            if (!otherId.equals(keyId) && other != null && sweepsByMachine(otherId, other)
                    && corroborated(keyId, otherId, SWEEP_WEIGHT)) {
                join(keyId, key, otherId, other, why);
            }
        }
        sweepers.remove(keyId);
        sweepers.addFirst(keyId);
        if (sweepers.size() > OWNERS) {
            sweepers.removeLast();
        }
    }

    /**
     * The keys recently active with one client fingerprint, and how many ordinary keys (holding conversations, or
     * judged unsuspicious over enough requests) use it, up to {@link #COMMON_CLIENT_USERS}.
     */
    private static final class ClientUsers {
        final List<String> recent = new ArrayList<>(CLIENT_KEYS);
        final Set<String> ordinary = new HashSet<>();

        boolean common() {
            return ordinary.size() >= COMMON_CLIENT_USERS;
        }

        void active(String keyId) {
            recent.remove(keyId);
            recent.addFirst(keyId);
            if (recent.size() > CLIENT_KEYS) {
                recent.removeLast();
            }
        }
    }

    /**
     * Links the key with the other keys sweeping with the same client software, where that software is no stock
     * release: no ordinary key uses it, and three quarters of the keys recently active with it sweep at machine
     * pace (see {@link #sweepsByMachine}). A hydra's own build or fork shows so; the official SDKs, which
     * independent attackers use as much as everyone else, never do.
     */
    private void linkByClient(String keyId, KeyState key, ClientFingerprint software) {
        if (!software.known()) {
            return;
        }
        ClientUsers users = clients.computeIfAbsent(software.hash(), hash -> new ClientUsers());
        if (users.common()) {
            return;
        }
        users.active(keyId);
        if (isOrdinary(keyId, key)) {
            users.ordinary.add(keyId);
            return;
        }
        if (users.recent.size() < MIN_CLIENT_KEYS || !sweepsByMachine(keyId, key)) {
            return;
        }
        List<String> sweepers = new ArrayList<>();
        for (String otherId : users.recent) {
            KeyState other = keys.get(otherId);
            if (!otherId.equals(keyId) && other != null && sweepsByMachine(otherId, other)) {
                sweepers.add(otherId);
            }
        }
        if (sweepers.size() + 1 < SWEEPING_CLIENT * users.recent.size()) {
            return;
        }
        boolean joined = false;
        for (String otherId : sweepers) {
            if (corroborated(keyId, otherId, SWEEP_WEIGHT)) {
                join(keyId, key, otherId, keys.get(otherId), Campaign.Link.CLIENT);
                joined = true;
            }
        }
        if (joined) {
            key.campaign().usedBy(software);
        }
    }

    /**
     * Links the key with the keys whose bursts of requests begin with its own, burst after burst (see {@link
     * KeyState#inLockstepWith}): one program sending for many keys at once, a hydra's fan-out, whatever their
     * networks, accounts, clients and prompts. Only keys that each sweep over unrelated tasks (see
     * {@link #sweepsOverTopics}); a key sending at machine pace without pause begins no bursts, and is linked
     * otherwise if at all.
     */
    private void linkByTiming(String keyId, KeyState key, long atMillis, long answeredAfterMillis) {
        if (!key.beginsBurst(atMillis, answeredAfterMillis) || key.bursts < MIN_LOCKSTEP_BURSTS
                || !sweepsOverTopics(keyId, key)) {
            return;
        }
        long slot = Math.floorDiv(atMillis, LOCKSTEP_MILLIS);
        for (long near = slot - 1; near <= slot + 1; near++) {
            for (String otherId : burstsBySlot.getOrDefault(near, List.of())) {
                KeyState other = keys.get(otherId);
                if (!otherId.equals(keyId) && other != null && (key.campaign() == null
                        || key.campaign() != other.campaign()) && key.inLockstepWith(other)
                        && sweepsOverTopics(otherId, other)) {
                    join(keyId, key, otherId, other, Campaign.Link.TIMING);
                }
            }
        }
        List<String> starting = burstsBySlot.computeIfAbsent(slot, s -> new ArrayList<>());
        if (starting.size() < KEYS_PER_SLOT) {
            starting.add(keyId);
        }
    }

    /** A key plainly not harvesting: it holds conversations, or was judged over enough requests and not suspected. */
    private boolean isOrdinary(String keyId, KeyState key) {
        Assessment own = latest.get(keyId);
        return key.window.requests() >= MIN_REQUESTS_TO_LINK && (key.window.singleTurnShare() < CAMPAIGN_SINGLE_TURN
                || own != null && own.features().window() >= Assessment.MIN_REQUESTS_FOR_SWEEP
                && own.score() <= ORDINARY_MOST_POINTS);
    }

    /**
     * Sweeping over unrelated topics (see {@link #sweepsOverTopics}) and answering its answers within a second: a
     * script harvesting, as its latest assessment (at most a few requests old) measured it.
     */
    private boolean sweepsByMachine(String keyId, KeyState key) {
        return sweepsOverTopics(keyId, key)
                && latest.get(keyId).features().medianPauseMillis() < Assessment.HUMAN_PAUSE_MILLIS;
    }

    /** Campaign-like (see {@link #campaignLike}) and over unrelated topics, as its latest assessment measured it. */
    private boolean sweepsOverTopics(String keyId, KeyState key) {
        Assessment own = latest.get(keyId);
        return own != null && campaignLike(keyId, key) && own.features().topicDiversity() >= SWEEP_DIVERSITY;
    }

    /**
     * What a shared template hash (first or last eight words, or a near-duplicate band) says: a template when one
     * of the two keys writes it as its own, and nothing otherwise; then it is the same task, which a key sending a
     * public task list bare shares with every operation that wraps the same list in its own template.
     */
    private static int templateWeight(boolean affix, boolean mine, boolean theirs) {
        if (!mine && !theirs) {
            return 0;
        }
        return !affix ? NEAR_DUPLICATE_WEIGHT : mine && theirs ? LINK_WEIGHT : AFFIX_WEIGHT;
    }

    /** Whether the key writes this template hash as its own, in two of its latest prompts at least. */
    private boolean isTemplateOf(String keyId, long hash) {
        KeyState owner = keys.get(keyId);
        return owner != null && owner.writes(hash, 2);
    }

    /**
     * One shared prompt may be chance (the same document, the same task): two prompts sharing a template's
     * first or last eight words make a link, or four near-duplicates (a rewording of the same content says less),
     * or one shared template that both keys wrote more than once (in a busy campaign, the same two keys rarely
     * meet twice among a template's latest senders).
     */
    private boolean corroborated(String keyId, String otherId, int weight) {
        String pair = keyId.compareTo(otherId) < 0 ? keyId + otherId : otherId + keyId;
        return sharedPrompts.merge(pair, weight, Integer::sum) >= LINK_WEIGHT;
    }

    /**
     * Known well enough (a few requests) to be mostly single questions, and not plainly doing something else: a
     * key whose answers are far shorter than its inputs, or that runs one instruction of its own over inputs and
     * gets answers no longer than them (a translation job), is processing documents, not harvesting answers; its
     * documents may well hold text that attackers send too.
     */
    private boolean campaignLike(String keyId, KeyState key) {
        Assessment own = latest.get(keyId);
        return key.window.requests() >= MIN_REQUESTS_TO_LINK && key.window.singleTurnShare() >= CAMPAIGN_SINGLE_TURN
                && (own == null || own.score() >= 0 && !Assessment.processesDocuments(own.features())
                && !(key.hasTemplate && own.features().outputRatio() > 0
                        && own.features().outputRatio() <= TEMPLATED_DOCUMENT_RATIO));
    }

    private static void join(String keyId, KeyState key, String otherId, KeyState other, Campaign.Link why) {
        if (key.ownWorkload || other.ownWorkload) { // also one declared after it left traces for others to link with
            return;
        }
        Campaign mine = key.campaign();
        Campaign theirs = other.campaign();
        if (mine != null && mine == theirs) {
            mine.linked(why);
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
        joined.linked(why);
        key.campaign = joined;
        other.campaign = joined;
    }

    private static Detection keyDetection(Observation seen, KeyState key, Assessment assessment) {
        StringBuilder evidence = new StringBuilder("Behaviour of key ").append(seen.keyId())
                .append(": detected after ").append(key.window.requests()).append(" requests of the key.\n")
                .append(assessment.explain()).append("\n\nRecent prompts (secrets masked):\n");
        key.samples.forEach(sample -> evidence.append("- ").append(DetectionReporter.masked(sample).replace('\n', ' '))
                .append('\n'));
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
        boolean first = campaign.id() == null;
        List<String> newKeys = campaign.reportKeys("campaign-" + seen.keyId());
        StringBuilder evidence = new StringBuilder("Campaign ").append(campaign.id()).append(": ")
                .append(campaign.keyCount()).append(" keys ").append(first ? "linked" : "linked (it grew)")
                .append(" after ").append(campaign.requests())
                .append(" requests of the campaign, by ").append(campaign.explainLinks()).append(".\n")
                .append("Tenants: ").append(String.join(", ", campaign.tenants()))
                .append("\nCountries: ").append(String.join(", ", campaign.countries()))
                .append("\nNetworks: ").append(campaign.networks().size()).append(campaign.networks().size() >= 100
                        ? " or more" : "").append('\n')
                .append(assessment.explain()).append("\n\n").append(first ? "Keys: " : "Keys new to the case: ")
                .append(String.join(", ", newKeys));
        List<String> superseded = campaign.takeSuperseded();
        if (!superseded.isEmpty()) {
            evidence.append("\nIt took in campaign ").append(String.join(", ", superseded))
                    .append(": its open case is merged into this one (related to it, when of another tenant).");
        }
        if (campaign.keyCount() > campaign.keys().size()) {
            evidence.append("\n(").append(campaign.keyCount() - campaign.keys().size())
                    .append(" more keys beyond the first ").append(Campaign.LISTED_KEYS).append(" are not named)");
        }
        evidence.append("\n\nA sample prompt (secrets masked):\n").append(DetectionReporter.masked(seen.request().userText()));
        List<Observable> observables = new ArrayList<>();
        newKeys.forEach(key -> observables.add(new Observable(Observable.Kind.API_KEY, key)));
        campaign.countries().forEach(country -> observables.add(new Observable(Observable.Kind.COUNTRY, country)));
        observables.add(new Observable(Observable.Kind.CAMPAIGN, campaign.id()));
        return new Detection(seen.tenantId(), null, campaign.id(), Severity.HIGH,
                "campaign of " + campaign.keyCount() + " keys: " + headline(assessment), evidence.toString(),
                observables, superseded);
    }

    /** The strongest reason, for the case's title. */
    private static String headline(Assessment assessment) {
        return assessment.reasons().stream().filter(reason -> reason.points() > 0)
                .max((a, b) -> Integer.compare(a.points(), b.points()))
                .map(reason -> reason.why().length() <= 120 ? reason.why() : reason.why().substring(0, 119) + "…")
                .orElse("suspicious behaviour");
    }
}
