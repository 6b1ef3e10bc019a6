package dev.moat.inspection;

import java.util.List;

/**
 * What inspection decided about a request, from the sum of the scores of the enforced findings, and why: every
 * finding (monitored ones too) and the rules that failed and were skipped.
 */
public record Verdict(Decision decision, int score, List<Finding> findings, List<String> failedRules) {

    /** From lightest to heaviest; each has the anomaly score from which it applies. */
    public enum Decision {
        ALLOW(0), FLAG(3), THROTTLE(5), DEGRADE(7), BLOCK(10);

        public final int threshold;

        Decision(int threshold) {
            this.threshold = threshold;
        }

        static Decision forScore(int score) {
            Decision decided = ALLOW;
            for (Decision decision : values()) {
                if (score >= decision.threshold) {
                    decided = decision;
                }
            }
            return decided;
        }
    }

    public Verdict {
        findings = List.copyOf(findings);
        failedRules = List.copyOf(failedRules);
    }
}
