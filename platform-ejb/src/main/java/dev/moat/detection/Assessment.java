package dev.moat.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns behavioural features into a score with its reasons, each worth some points, for or against
 * distillation. Suspicious from {@value #THRESHOLD} points. The reasons against are what keeps legitimate work
 * apart: a batch job runs one template over its own documents (long inputs, short answers), a chat product
 * carries conversations from many networks.
 */
public record Assessment(int score, List<Reason> reasons, Features features) {

    public static final int THRESHOLD = 7;
    /** Fewer requests than this say nothing about behaviour. */
    static final int MIN_REQUESTS = 5;
    static final int MIN_REQUESTS_FOR_SWEEP = 10;
    /**
     * The line for the robust variation of a client's pauses: a script's pauses stay put (its 36–44 ms pauses
     * measured 0.1–0.6 through a gateway sharing two cores with the load generator); people's vary by about as
     * much as they last.
     */
    static final double MACHINE_TIMING_CV = 0.5;
    /**
     * No person reads an answer and writes the next question within a second, request after request: a client
     * that waits for each answer and still pauses less is a program, however its pauses jitter (a busy machine
     * or network makes a script's pauses vary as much as a person's).
     */
    static final double HUMAN_PAUSE_MILLIS = 1_000;
    static final int MIN_REQUESTS_FOR_PAUSES = 21;
    /** People sleep: single questions in this many hours of a day come from a program (or a night shift). */
    static final int AROUND_THE_CLOCK_HOURS = 20;
    /** A company's own keys may share its templates; several accounts doing so is a hydra's mark. */
    static final int CAMPAIGN_TENANTS = 3;
    /** A key (or a tenant's keys) sending at most this share of single questions holds conversations. */
    static final double CONVERSING = 0.5;

    public record Reason(int points, String why) {
        @Override
        public String toString() {
            return (points > 0 ? "+" : "") + points + " " + why;
        }
    }

    public boolean suspicious() {
        return score >= THRESHOLD;
    }

    /** One key's behaviour. */
    static Assessment ofKey(Features f) {
        return of(f, true, 0, 0, 0);
    }

    /**
     * A campaign's behaviour: its requests come from many clients by nature, so neither their timing nor their
     * many networks say anything; that accounts of several tenants act as one does, and so do keys that were linked
     * because each swept at machine pace from one network, of one account or with one client build
     * ({@code machineSweepLinks}: how many such links), or because their requests set off together
     * ({@code timingLinks}).
     */
    static Assessment ofCampaign(Features f, int tenants, long machineSweepLinks, long timingLinks) {
        return of(f, false, tenants, machineSweepLinks, timingLinks);
    }

    private static Assessment of(Features f, boolean timing, int tenants, long machineSweepLinks, long timingLinks) {
        List<Reason> reasons = new ArrayList<>();
        if (f.window() < MIN_REQUESTS) {
            return new Assessment(0, List.of(new Reason(0, "fewer than " + MIN_REQUESTS + " requests: no judgement yet")), f);
        }
        if (f.elicitation() >= 0.2) {
            reasons.add(new Reason(6, pct(f.elicitation()) + " of requests ask for reasoning traces, generated tasks "
                    + "or training data (distillation rules fired)"));
        }
        if (f.harvesting() >= 0.5) {
            reasons.add(new Reason(4, pct(f.harvesting()) + " of requests ask for log-probabilities or several "
                    + "answers, or ask a prompt again at a third temperature or more: sampling the model's output "
                    + "distribution"));
        }
        boolean sweep = f.window() >= MIN_REQUESTS_FOR_SWEEP && f.singleTurn() >= 0.75 && f.topicDiversity() >= 0.9;
        if (sweep) {
            reasons.add(new Reason(4, "single-turn requests (" + pct(f.singleTurn()) + ") over unrelated topics "
                    + "(diversity " + num(f.topicDiversity()) + "): a sweep over tasks, not a focused workload"));
        }
        if (sweep && f.tenantSingleTurn() <= CONVERSING) {
            reasons.add(new Reason(1, "unlike its tenant's other keys, which mostly hold conversations ("
                    + pct(f.tenantSingleTurn()) + " single questions)"));
        }
        if (f.templateReuse() >= 0.5 && f.outputRatio() >= 2) {
            reasons.add(new Reason(2, "one template with varied fillers (" + pct(f.templateReuse()) + " reuse) and "
                    + "answers " + num(f.outputRatio()) + "× longer than the prompts: generating data"));
        }
        boolean machineTiming = timing && machineTiming(f);
        if (machineTiming) {
            reasons.add(new Reason(2, f.timingCv() <= MACHINE_TIMING_CV
                    ? "machine-like timing (gaps vary by " + pct(f.timingCv()) + ")"
                    : "replies faster than a person could: the next request comes a median "
                    + Math.round(f.medianPauseMillis()) + " ms after each answer (varying by " + pct(f.timingCv()) + ")"));
        }
        if (timing && f.activeHours() >= AROUND_THE_CLOCK_HOURS && f.singleTurn() >= 0.75) {
            reasons.add(new Reason(2, "single questions in " + f.activeHours() + " of the last 24 hours: around "
                    + "the clock, as no person asks"));
        }
        if (f.outputRatio() >= 2.5) {
            reasons.add(new Reason(1, "answers " + num(f.outputRatio()) + "× longer than the prompts"));
        }
        if (!Double.isNaN(f.earlierElicitation()) && f.elicitation() - f.earlierElicitation() >= 0.3) {
            reasons.add(new Reason(2, "drift from its own history: elicitation rose from "
                    + pct(f.earlierElicitation()) + " to " + pct(f.elicitation())));
        }
        if (sweep && f.earlierSingleTurn() <= CONVERSING) {
            reasons.add(new Reason(2, "drift from its own history: a key that held conversations ("
                    + pct(f.earlierSingleTurn()) + " single questions before) now sweeps: used by someone else?"));
        }
        if (tenants >= CAMPAIGN_TENANTS) {
            reasons.add(new Reason(3, "keys of " + tenants + " tenants linked: accounts acting as one"));
        }
        if (machineSweepLinks > 0) {
            reasons.add(new Reason(2, "its keys each reply within a second of an answer, from networks, accounts or "
                    + "client software they share (" + machineSweepLinks + " links): one operator's scripts"));
        }
        if (timingLinks > 0) {
            reasons.add(new Reason(3, "its keys' requests set off together, within " + BehaviourMonitor.LOCKSTEP_MILLIS
                    + " ms of each other, burst after burst (" + timingLinks + " links): one program sending for "
                    + "them all"));
        }
        if (processesDocuments(f)) {
            reasons.add(new Reason(-3, "answers far shorter than the inputs (" + num(f.outputRatio()) + "×): "
                    + "processing documents, as batch jobs do"));
        }
        if (f.singleTurn() <= 0.7) {
            reasons.add(new Reason(-3, pct(1 - f.singleTurn()) + " of requests continue a conversation"));
        }
        if (timing && !machineTiming && f.networks() >= 5 && (Double.isNaN(f.timingCv()) || f.timingCv() > 0.6)) {
            reasons.add(new Reason(-1, "irregular traffic from " + f.networks() + " networks: many users behind "
                    + "one key"));
        }
        int score = reasons.stream().mapToInt(Reason::points).sum();
        return new Assessment(score, List.copyOf(reasons), f);
    }

    /** Regular gaps, or pauses after each answer too short for a person. */
    private static boolean machineTiming(Features f) {
        return !Double.isNaN(f.timingCv()) && (f.timingCv() <= MACHINE_TIMING_CV
                || f.window() >= MIN_REQUESTS_FOR_PAUSES && f.medianPauseMillis() < HUMAN_PAUSE_MILLIS);
    }

    /** Answers far shorter than the inputs: summaries, labels, extractions, as batch jobs produce. */
    static boolean processesDocuments(Features f) {
        return f.outputRatio() > 0 && f.outputRatio() <= 0.5;
    }

    /** The reasons, one per line, for evidence and for the console. */
    public String explain() {
        StringBuilder text = new StringBuilder("Behaviour score ").append(score).append(" (suspicious from ")
                .append(THRESHOLD).append("):\n");
        reasons.forEach(reason -> text.append("  ").append(reason).append('\n'));
        return text.append("Features: ").append(features.describe()).toString();
    }

    private static String pct(double share) {
        return Math.round(100 * share) + "%";
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
