package dev.moat.detection;

import java.util.Locale;

/**
 * Behavioural features of one key's (or one campaign's) recent requests, each with the value it was measured
 * at. Shares are of the window's requests.
 *
 * @param requests         requests seen in all
 * @param window           requests the shares are of
 * @param singleTurn       share of requests that are one question with no conversation before it
 * @param elicitation      share that a text rule of the distillation pack fired on
 * @param harvesting       share asking for log-probabilities or several answers
 * @param templateReuse    share whose template (or near-duplicate) appeared earlier in the window
 * @param topicDiversity   1 − mean topic similarity of successive requests: near 1 for a sweep over tasks
 * @param outputRatio      completion tokens per prompt token
 * @param timingCv         coefficient of variation of the gaps between requests (NaN below 8 gaps): machines
 *                         send at regular intervals (low), people irregularly (high)
 * @param networks         distinct client networks in the window
 * @param activeHours      distinct hours of the day in the window
 * @param earlierElicitation the elicitation share before the window (NaN without enough history): drift
 */
public record Features(long requests, int window, double singleTurn, double elicitation, double harvesting,
                       double templateReuse, double topicDiversity, double outputRatio, double timingCv,
                       int networks, int activeHours, double earlierElicitation) {

    String describe() {
        return String.format(Locale.ROOT, "requests %d (window %d), single-turn %.0f%%, elicitation %.0f%%, "
                        + "harvesting %.0f%%, template reuse %.0f%%, topic diversity %.2f, output/input tokens %.2f, "
                        + "timing CV %s, networks %d, active hours %d", requests, window, 100 * singleTurn,
                100 * elicitation, 100 * harvesting, 100 * templateReuse, topicDiversity, outputRatio,
                Double.isNaN(timingCv) ? "n/a" : String.format(Locale.ROOT, "%.2f", timingCv), networks,
                activeHours);
    }
}
