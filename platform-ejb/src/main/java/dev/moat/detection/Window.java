package dev.moat.detection;

import dev.moat.net.Cidr;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The last requests of a key or a campaign, as a ring of what detection needs of each (never the text), and the
 * {@link Features} measured over them. Bounded; used by the detection thread only.
 */
final class Window {

    private record Entry(long atMillis, long answeredMillis, boolean singleQuestion, boolean elicits, boolean harvests,
                         boolean reused, long promptTokens, long completionTokens, Cidr network, long[] templates,
                         int[] topics, long prompt, double temperature) {
    }

    /** A prompt asked at this many temperatures samples the model's distribution (a person regenerates once). */
    static final int SWEPT_TEMPERATURES = 3;
    private static final int HOURS_A_DAY = 24;
    private static final long MILLIS_AN_HOUR = 3_600_000;

    private final Entry[] ring;
    private int next;
    private int size;
    private long requests;
    private long earlierRequests;
    private long earlierElicits;
    private long earlierSingleTurn;
    /** For each hour of the day (UTC), the latest hour since the epoch with a request in it, plus one (0: none). */
    private final long[] lastInHourOfDay = new long[HOURS_A_DAY];
    private long latestHour;

    Window(int capacity) {
        this.ring = new Entry[capacity];
    }

    /**
     * @param singleQuestion one question with no conversation of its key's before it (see
     *                       {@code BehaviourMonitor.KeyState#singleQuestion})
     */
    void add(Observation seen, PromptShape shape, boolean singleQuestion) {
        Entry leaving = size == ring.length ? ring[next] : null;
        if (leaving != null) {
            earlierRequests++;
            earlierElicits += leaving.elicits ? 1 : 0;
            earlierSingleTurn += leaving.singleQuestion ? 1 : 0;
        }
        long hour = Math.floorDiv(seen.at().toEpochMilli(), MILLIS_AN_HOUR);
        lastInHourOfDay[(int) Math.floorMod(hour, HOURS_A_DAY)] = hour + 1;
        latestHour = Math.max(latestHour, hour);
        double temperature = seen.request().temperature() == null ? Double.NaN : seen.request().temperature();
        ring[next] = new Entry(seen.at().toEpochMilli(), seen.at().toEpochMilli() + seen.answeredAfterMillis(),
                singleQuestion, seen.elicits(), seen.harvests() || sweepsTemperature(shape.whole(), temperature),
                seenBefore(shape.templates()), seen.promptTokens(), seen.completionTokens(), seen.network(),
                shape.templates(), shape.topics(), shape.whole(),
                temperature);
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        requests++;
    }

    long requests() {
        return requests;
    }

    /** The share of the window's requests that are one question with no conversation before it (1 if empty). */
    double singleTurnShare() {
        int singleTurn = 0;
        for (int i = 0; i < size; i++) {
            singleTurn += ring[i].singleQuestion ? 1 : 0;
        }
        return size == 0 ? 1 : (double) singleTurn / size;
    }

    /** Whether the window asked this prompt at other temperatures, enough to make this one a sweep. */
    private boolean sweepsTemperature(long prompt, double temperature) {
        if (Double.isNaN(temperature)) {
            return false;
        }
        Set<Double> temperatures = new HashSet<>();
        temperatures.add(temperature);
        for (int i = 0; i < size; i++) {
            if (ring[i].prompt == prompt && !Double.isNaN(ring[i].temperature)) {
                temperatures.add(ring[i].temperature);
            }
        }
        return temperatures.size() >= SWEPT_TEMPERATURES;
    }

    private boolean seenBefore(long[] templates) {
        for (int i = 0; i < size; i++) {
            for (long earlier : ring[i].templates) {
                for (long template : templates) {
                    if (earlier == template) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    Features features() {
        int singleTurn = 0;
        int elicits = 0;
        int harvests = 0;
        int reused = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        Set<Cidr> networks = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            Entry entry = ring[i];
            singleTurn += entry.singleQuestion ? 1 : 0;
            elicits += entry.elicits ? 1 : 0;
            harvests += entry.harvests ? 1 : 0;
            reused += entry.reused ? 1 : 0;
            promptTokens += entry.promptTokens;
            completionTokens += entry.completionTokens;
            networks.add(entry.network);
            first = Math.min(first, entry.atMillis);
            last = Math.max(last, entry.atMillis);
        }
        double n = Math.max(size, 1);
        Timing timing = timing();
        double minutes = (last - first) / 60_000.0;
        double perMinute = size < 2 || minutes <= 0 ? Double.NaN : (size - 1) / minutes;
        return new Features(requests, size, perMinute, singleTurn / n, elicits / n, harvests / n, reused / n,
                topicDiversity(), promptTokens == 0 ? 0 : (double) completionTokens / promptTokens, timing.cv(),
                timing.medianPauseMillis(), networks.size(),
                activeHours(), earlier(earlierElicits), earlier(earlierSingleTurn), Double.NaN);
    }

    /** A share of the requests that left the window (NaN below 20 of them: too little history to drift from). */
    private double earlier(long count) {
        return earlierRequests < 20 ? Double.NaN : (double) count / earlierRequests;
    }

    /** How many of the 24 hours up to the latest request had requests (beyond the window: a day is longer). */
    private int activeHours() {
        int active = 0;
        for (long hourPlusOne : lastInHourOfDay) {
            active += hourPlusOne > 0 && hourPlusOne - 1 > latestHour - HOURS_A_DAY ? 1 : 0;
        }
        return active;
    }

    /**
     * 1 − the mean Jaccard similarity of successive requests' content words, leaving out words that occur in half
     * of the window or more: a template's own words say nothing about the topics its fillers sweep over. A pair
     * counts only where both prompts keep a word: a prompt asked again and again has none left, and would
     * otherwise read as wholly unlike the next.
     */
    private double topicDiversity() {
        if (size < 2) {
            return Double.NaN;
        }
        int[] common = commonTopics(Math.max(2, size / 2));
        int oldest = size == ring.length ? next : 0;
        double similarity = 0;
        int pairs = 0;
        for (int i = 1; i < size; i++) {
            int[] a = ring[(oldest + i - 1) % ring.length].topics;
            int[] b = ring[(oldest + i) % ring.length].topics;
            int union = 0;
            int shared = 0;
            boolean inA = false;
            boolean inB = false;
            int x = 0;
            int y = 0;
            while (x < a.length || y < b.length) {
                long wordA = x < a.length ? a[x] : Long.MAX_VALUE;
                long wordB = y < b.length ? b[y] : Long.MAX_VALUE;
                long word = Math.min(wordA, wordB);
                boolean fromA = wordA == word && x < a.length;
                boolean fromB = wordB == word && y < b.length;
                x += fromA ? 1 : 0;
                y += fromB ? 1 : 0;
                if (Arrays.binarySearch(common, (int) word) < 0) {
                    union++;
                    shared += fromA && fromB ? 1 : 0;
                    inA |= fromA;
                    inB |= fromB;
                }
            }
            if (inA && inB) { // a prompt whose words are all common ones says nothing of how the two differ
                similarity += (double) shared / union;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : 1 - similarity / pairs;
    }

    /**
     * The content words that occur in at least {@code often} of the window's requests, sorted. Counted when asked
     * (a sort of at most a few thousand hashes) rather than kept up to date in a map per key: with 25,000 keys
     * followed, such maps held ~200 KB per key of varied prompts.
     */
    private int[] commonTopics(int often) {
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += ring[i].topics.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int i = 0; i < size; i++) {
            System.arraycopy(ring[i].topics, 0, all, at, ring[i].topics.length);
            at += ring[i].topics.length;
        }
        Arrays.sort(all);
        int common = 0;
        for (int run = 0; run < total; ) {
            int end = run;
            while (end < total && all[end] == all[run]) {
                end++;
            }
            if (end - run >= often) {
                all[common++] = all[run];
            }
            run = end;
        }
        return Arrays.copyOf(all, common);
    }

    /**
     * How much the client's pauses vary (a robust coefficient of variation). A client that waits for each answer pauses
     * from the end of one answer to its next request: a script's pauses stay the same however long the answers
     * take, a person's vary by about as much as they last. A client with requests in flight together (a chat
     * product's users, a parallel script) has no such pause, and the gaps between its requests' arrivals are
     * measured instead (with no median pause). The median pause is told from two pauses on (a person's take
     * seconds, a script's a fraction of one); their variation only from eight.
     */
    private Timing timing() {
        if (size < 3) {
            return new Timing(Double.NaN, Double.NaN);
        }
        int oldest = size == ring.length ? next : 0;
        int gaps = size - 1;
        double[] pauses = new double[gaps];
        double[] arrivals = new double[gaps];
        int overlapping = 0;
        for (int i = 1; i < size; i++) {
            Entry before = ring[(oldest + i - 1) % ring.length];
            Entry entry = ring[(oldest + i) % ring.length];
            arrivals[i - 1] = entry.atMillis - before.atMillis;
            pauses[i - 1] = entry.atMillis - before.answeredMillis;
            overlapping += pauses[i - 1] < 0 ? 1 : 0;
        }
        boolean varies = size >= 9;
        if (overlapping * 5 > gaps) {
            return new Timing(varies ? coefficientOfVariation(arrivals) : Double.NaN, Double.NaN);
        }
        return new Timing(varies ? coefficientOfVariation(pauses) : Double.NaN, median(pauses.clone()));
    }

    private record Timing(double cv, double medianPauseMillis) {
    }

    /**
     * A robust coefficient of variation: 1.4826 × the median absolute deviation over the median (the standard
     * deviation over the mean for normal data). A script's pauses stay put apart from the odd stall, which a
     * standard deviation would let dominate.
     */
    private static double coefficientOfVariation(double[] values) {
        double median = median(values.clone());
        if (median <= 0) {
            return 0;
        }
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return 1.4826 * median(deviations) / median;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
