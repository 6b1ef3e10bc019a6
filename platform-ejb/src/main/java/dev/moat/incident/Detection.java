package dev.moat.incident;

import java.util.List;

/**
 * What a detector saw, for {@link DetectionService}: the key (or campaign, when several keys act as one) it is
 * about, how bad, a one-line summary, the evidence text (secrets masked by the detector) and the observables.
 *
 * @param supersededCampaigns campaigns this one took in since it was last reported: their open cases are merged
 *                            into this campaign's case
 */
public record Detection(String tenantId, String keyId, String campaignId, Severity severity, String summary,
                        String evidence, List<Observable> observables, List<String> supersededCampaigns) {

    public Detection {
        if (keyId == null && campaignId == null) {
            throw new IllegalArgumentException("a detection is about a key or a campaign");
        }
        observables = observables == null ? List.of() : List.copyOf(observables);
        supersededCampaigns = supersededCampaigns == null ? List.of() : List.copyOf(supersededCampaigns);
    }

    public Detection(String tenantId, String keyId, String campaignId, Severity severity, String summary,
                     String evidence, List<Observable> observables) {
        this(tenantId, keyId, campaignId, severity, summary, evidence, observables, List.of());
    }

    /** One open case per campaign, or per key when there is no campaign. */
    String dedupKey() {
        return campaignId != null ? campaignDedupKey(campaignId) : "key:" + keyId;
    }

    static String campaignDedupKey(String campaignId) {
        return "campaign:" + campaignId;
    }
}
