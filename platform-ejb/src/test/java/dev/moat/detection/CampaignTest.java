package dev.moat.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignTest {

    @Test
    void a_reported_campaign_taking_in_another_reported_one_names_it_once_for_its_case_to_take_over() {
        Campaign one = campaign("campaign-one", "a1", "a2");
        Campaign other = campaign("campaign-other", "b1", "b2");

        one.absorb(other);

        assertTrue(one.hasUnreportedKeys());
        assertEquals(List.of("b1", "b2"), one.reportKeys("campaign-new"));
        assertEquals("campaign-one", one.id(), "the case that exists carries on");
        assertEquals(List.of("campaign-other"), one.takeSuperseded());
        assertEquals(List.of(), one.takeSuperseded(), "named once");
        assertFalse(one.hasUnreportedKeys());
    }

    @Test
    void a_campaign_not_yet_reported_takes_over_the_case_of_the_one_it_takes_in() {
        Campaign fresh = new Campaign();
        fresh.add("c1", 6);
        Campaign reported = campaign("campaign-reported", "d1");

        fresh.absorb(reported);

        assertEquals("campaign-reported", fresh.id());
        assertEquals(List.of(), fresh.takeSuperseded());
    }

    private static Campaign campaign(String id, String... keys) {
        Campaign campaign = new Campaign();
        for (String key : keys) {
            campaign.add(key, 6);
        }
        campaign.reportKeys(id);
        return campaign;
    }
}
