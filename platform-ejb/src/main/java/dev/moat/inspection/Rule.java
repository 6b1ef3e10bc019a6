package dev.moat.inspection;

import java.util.Optional;

/**
 * An inspection rule: a stable id, what it looks for, and a pure evaluation of one request. Rules never block;
 * they add to the request's anomaly score, which {@link Verdict} turns into a decision. In monitor mode a rule's
 * findings are reported but not counted.
 */
public interface Rule {

    enum Mode { MONITOR, ENFORCE }

    /** How much a finding adds to the anomaly score (as in the OWASP Core Rule Set). */
    enum Severity {
        NOTICE(2), WARNING(3), ERROR(4), CRITICAL(5);

        public final int score;

        Severity(int score) {
            this.score = score;
        }
    }

    RuleInfo info();

    Optional<Finding> evaluate(RequestContext request);

    default String id() {
        return info().id();
    }

    /** A finding of this rule with the given evidence. */
    default Finding finding(String evidence) {
        RuleInfo info = info();
        return new Finding(info.id(), info.category(), info.severity().score, info.mode() == Mode.ENFORCE, evidence);
    }
}
