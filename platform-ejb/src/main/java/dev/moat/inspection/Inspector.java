package dev.moat.inspection;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a rule set over a request and turns the score into a decision (as the OWASP Core Rule Set's blocking
 * evaluation does). A rule that throws is skipped and named in the verdict: one broken rule never takes the
 * gateway down.
 */
public final class Inspector {

    private static final Logger LOG = Logger.getLogger(Inspector.class.getName());

    private Inspector() {
    }

    public static Verdict inspect(RequestContext request, List<Rule> rules) {
        // Most requests find nothing: the lists are made only when there is something to put in them.
        List<Finding> findings = List.of();
        List<String> failed = List.of();
        int score = 0;
        for (Rule rule : rules) {
            try {
                var finding = rule.evaluate(request);
                if (finding.isPresent()) {
                    findings = findings.isEmpty() ? new ArrayList<>() : findings;
                    findings.add(finding.get());
                    score += finding.get().enforced() ? finding.get().score() : 0;
                }
            } catch (RuntimeException e) {
                failed = failed.isEmpty() ? new ArrayList<>() : failed;
                failed.add(rule.id());
                LOG.log(Level.WARNING, "Inspection rule " + rule.id() + " failed and was skipped", e);
            }
        }
        return new Verdict(Verdict.Decision.forScore(score), score, findings, failed);
    }
}
