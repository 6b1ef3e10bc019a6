package dev.moat.simulator;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cases say about keys, read from their observables and evidence: which case holds each key, after
 * how many of its own requests Moat detected it (the detector writes "… of key K: detected after N requests"),
 * and, for campaign cases, after how many of the campaign's requests they were first linked.
 */
final class Cases {

    private static final Pattern KEY_DETECTED = Pattern.compile("of key ([a-z0-9]{12}): detected after (\\d+) requests");
    private static final Pattern CAMPAIGN_LINKED = Pattern.compile("Campaign \\S+: (\\d+) keys linked after (\\d+) requests");

    /** Case ids by key. */
    final Map<String, Set<String>> casesOfKey = new HashMap<>();
    /** The fewest requests after which each key was detected on its own. */
    final Map<String, Long> detectedAfter = new HashMap<>();
    /** For campaign cases: the campaign's requests when first linked. */
    final Map<String, Long> campaignLinkedAfter = new HashMap<>();
    final Set<String> campaignCases = new HashSet<>();

    /** How many keys a case holds, of whichever scenario. */
    long keysIn(String caseId) {
        return casesOfKey.values().stream().filter(ids -> ids.contains(caseId)).count();
    }

    static Cases of(List<JsonObject> cases) {
        Cases read = new Cases();
        for (JsonObject incident : cases) {
            String id = incident.getString("id");
            for (JsonObject observable : incident.getJsonArray("observables").getValuesAs(JsonObject.class)) {
                if ("api_key".equalsIgnoreCase(observable.getString("kind"))) {
                    read.casesOfKey.computeIfAbsent(observable.getString("value"), key -> new HashSet<>()).add(id);
                }
                if ("campaign".equalsIgnoreCase(observable.getString("kind"))) {
                    read.campaignCases.add(id);
                }
            }
            for (JsonObject evidence : incident.getJsonArray("evidence").getValuesAs(JsonObject.class)) {
                String detail = evidence.getString("detail", "");
                Matcher key = KEY_DETECTED.matcher(detail);
                while (key.find()) {
                    read.detectedAfter.merge(key.group(1), Long.parseLong(key.group(2)), Math::min);
                }
                Matcher campaign = CAMPAIGN_LINKED.matcher(detail);
                if (campaign.find()) {
                    read.campaignLinkedAfter.merge(id, Long.parseLong(campaign.group(2)), Math::min);
                }
            }
        }
        return read;
    }
}
