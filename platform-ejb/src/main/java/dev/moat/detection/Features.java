package dev.moat.detection;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Behavioural features of one key's (or one campaign's) recent requests, each with the value it was measured
 * at. Shares are of the window's requests.
 *
 * @param requests         requests seen in all
 * @param window           requests the shares are of
 * @param requestsPerMinute the window's requests over the time they took (NaN for fewer than two)
 * @param singleTurn       share of requests that are one question with no conversation of the key's before it
 * @param elicitation      share that a text rule of the distillation pack fired on
 * @param harvesting       share asking for log-probabilities or several answers, or asking a prompt of the window
 *                         again at a third temperature or more (a temperature sweep)
 * @param templateReuse    share whose template (or near-duplicate) appeared earlier in the window
 * @param topicDiversity   1 − mean topic similarity of successive requests: near 1 for a sweep over tasks
 * @param outputRatio      completion tokens per prompt token
 * @param timingCv         coefficient of variation of the gaps between requests (NaN below 8 gaps): machines
 *                         send at regular intervals (low), people irregularly (high)
 * @param medianPauseMillis the median pause from an answer to the client's next request (NaN below 2 gaps, or
 *                         for a client with requests in flight together, whose pauses are no one's)
 * @param networks         distinct client networks in the window
 * @param activeHours      hours of the last day (the 24 up to the latest request) with requests, window or not
 * @param earlierElicitation the elicitation share before the window (NaN without enough history): drift
 * @param earlierSingleTurn the single-turn share before the window (NaN without enough history): a key that held
 *                         conversations and now sweeps has drifted from its own history
 * @param tenantSingleTurn  the single-turn share of the tenant's other settled, unsuspected keys (NaN without
 *                         enough of them, and for campaigns): the tenant's benign baseline
 */
public record Features(long requests, int window, double requestsPerMinute, double singleTurn, double elicitation, double harvesting,
                       double templateReuse, double topicDiversity, double outputRatio, double timingCv,
                       double medianPauseMillis, int networks, int activeHours, double earlierElicitation,
                       double earlierSingleTurn, double tenantSingleTurn) {

    /** The same features, compared with the tenant's baseline. */
    Features withTenantSingleTurn(double baseline) {
        return new Features(requests, window, requestsPerMinute, singleTurn, elicitation, harvesting, templateReuse, topicDiversity,
                outputRatio, timingCv, medianPauseMillis, networks, activeHours, earlierElicitation, earlierSingleTurn,
                baseline);
    }

    /** The values by name, for JSON (which has no NaN: a feature not measured yet is null). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("requests", requests);
        values.put("window", window);
        values.put("requestsPerMinute", measured(requestsPerMinute));
        values.put("singleTurn", measured(singleTurn));
        values.put("elicitation", measured(elicitation));
        values.put("harvesting", measured(harvesting));
        values.put("templateReuse", measured(templateReuse));
        values.put("topicDiversity", measured(topicDiversity));
        values.put("outputRatio", measured(outputRatio));
        values.put("timingCv", measured(timingCv));
        values.put("medianPauseMillis", measured(medianPauseMillis));
        values.put("networks", networks);
        values.put("activeHours", activeHours);
        values.put("earlierElicitation", measured(earlierElicitation));
        values.put("earlierSingleTurn", measured(earlierSingleTurn));
        values.put("tenantSingleTurn", measured(tenantSingleTurn));
        return values;
    }

    private static Double measured(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    /** The values in one line, for evidence and the console. */
    public String describe() {
        return String.format(Locale.ROOT, "requests %d (window %d, %s a minute), single-turn %.0f%%, "
                        + "elicitation %.0f%%, harvesting %.0f%%, template reuse %.0f%%, topic diversity %.2f, output/input tokens %.2f, "
                        + "timing CV %s, median pause %s, networks %d, active in %d of the last 24 hours", requests, window,
                Double.isNaN(requestsPerMinute) ? "n/a" : String.format(Locale.ROOT, "%.1f", requestsPerMinute),
                100 * singleTurn, 100 * elicitation, 100 * harvesting, 100 * templateReuse, topicDiversity, outputRatio,
                Double.isNaN(timingCv) ? "n/a" : String.format(Locale.ROOT, "%.2f", timingCv),
                Double.isNaN(medianPauseMillis) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", medianPauseMillis),
                networks, activeHours);
    }
}
