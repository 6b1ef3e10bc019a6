package dev.moat.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The benchmark's table: one row per scenario, tuned ones first, then those held out of tuning. */
final class Report {

    private Report() {
    }

    static void print(List<Traffic> traffic, Cases cases, double seconds, long sent) {
        System.out.printf("%nDetection benchmark: %d requests in %.0f s through the gateway%n%n", sent, seconds);
        System.out.println("| scenario | keys | requests | attacking keys detected | benign keys flagged "
                + "| requests until detection (median / p90) | campaign linking |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        for (boolean heldOut : new boolean[] {false, true}) {
            for (Traffic scenario : traffic) {
                if (scenario.scenario().heldOut() == heldOut) {
                    System.out.println(row(scenario, cases));
                }
            }
        }
    }

    private static String row(Traffic traffic, Cases cases) {
        Scenario scenario = traffic.scenario();
        List<Traffic.KeyTraffic> keys = traffic.keys();
        long requests = keys.stream().mapToLong(Traffic.KeyTraffic::sent).sum();
        long inCases = keys.stream().filter(key -> cases.casesOfKey.containsKey(key.key().id())).count();
        String share = String.format("%d of %d (%.1f%%)", inCases, keys.size(), 100.0 * inCases / keys.size());
        List<Long> until = new ArrayList<>();
        keys.forEach(key -> {
            Long after = cases.detectedAfter.get(key.key().id());
            if (after != null) {
                until.add(after);
            }
        });
        Collections.sort(until);
        String untilText = until.isEmpty() ? "–" : percentile(until, 50) + " / " + percentile(until, 90)
                + (until.size() < inCases ? " (" + until.size() + " keys on their own)" : "");
        return "| " + scenario.name() + " | " + keys.size() + " | " + requests + " | "
                + (scenario.attack() ? share : "") + " | " + (scenario.attack() ? "" : share) + " | " + untilText + " | "
                + (scenario.campaign() ? campaign(keys, cases) : "") + " |";
    }

    /** How the campaign's keys fell into campaign cases: the biggest case's share, and when it was first linked. */
    private static String campaign(List<Traffic.KeyTraffic> keys, Cases cases) {
        Map<String, Integer> keysPerCase = new HashMap<>();
        for (Traffic.KeyTraffic key : keys) {
            for (String id : cases.casesOfKey.getOrDefault(key.key().id(), Set.of())) {
                if (cases.campaignCases.contains(id)) {
                    keysPerCase.merge(id, 1, Integer::sum);
                }
            }
        }
        if (keysPerCase.isEmpty()) {
            return "not linked";
        }
        var biggest = keysPerCase.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        long others = cases.keysIn(biggest.getKey()) - biggest.getValue();
        return String.format("%d campaign case(s); the biggest holds %d of %d keys%s, first linked after %s of the "
                        + "campaign's requests", keysPerCase.size(), biggest.getValue(), keys.size(),
                others == 0 ? "" : " and " + others + " keys of other scenarios",
                cases.campaignLinkedAfter.getOrDefault(biggest.getKey(), -1L));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
