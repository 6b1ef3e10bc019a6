package dev.moat.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each reason of the behaviour score, at its line and just short of it, from a key that gives no reason. */
class AssessmentTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_reason_counts_from_its_line(String name, UnaryOperator<Shape> change, List<Integer> points,
                                          String phrase) {
        Assessment assessment = Assessment.ofKey(change.apply(new Shape()).features());
        assertEquals(points, assessment.reasons().stream().map(Assessment.Reason::points).toList(),
                assessment.explain());
        assertEquals(points.stream().mapToInt(Integer::intValue).sum(), assessment.score());
        assertTrue(assessment.explain().contains(phrase), assessment.explain());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a neutral key", op(s -> s), List.of(), "score 0"),
                Arguments.of("too few requests", op(s -> s.window(4).elicitation(1)), List.of(0), "no judgement yet"),
                Arguments.of("elicitation", op(s -> s.elicitation(0.2)), List.of(6), "reasoning traces"),
                Arguments.of("elicitation below", op(s -> s.elicitation(0.19)), List.of(), "score 0"),
                Arguments.of("harvesting", op(s -> s.harvesting(0.5)), List.of(4), "log-probabilities"),
                Arguments.of("harvesting below", op(s -> s.harvesting(0.49)), List.of(), "score 0"),
                Arguments.of("sweep", op(s -> s.singleTurn(0.75).diversity(0.9)), List.of(4), "a sweep over tasks"),
                Arguments.of("sweep on too few requests", op(s -> s.window(9).singleTurn(0.75).diversity(0.9)),
                        List.of(), "score 0"),
                Arguments.of("sweep in a conversing tenant", op(s -> s.singleTurn(0.75).diversity(0.9)
                        .tenantSingleTurn(0.5)), List.of(4, 1), "unlike its tenant's other keys"),
                Arguments.of("sweep by a key that held conversations", op(s -> s.singleTurn(0.75).diversity(0.9)
                        .earlierSingleTurn(0.5)), List.of(4, 2), "a key that held conversations (50% single"),
                Arguments.of("sweep by a key that always asked single questions", op(s -> s.singleTurn(0.75)
                        .diversity(0.9).earlierSingleTurn(0.51)), List.of(4), "a sweep over tasks"),
                Arguments.of("conversations before, no sweep now", op(s -> s.singleTurn(0.74).diversity(0.9)
                        .earlierSingleTurn(0.1)), List.of(), "score 0"),
                Arguments.of("generating data", op(s -> s.templateReuse(0.5).outputRatio(2)), List.of(2),
                        "one template with varied fillers"),
                Arguments.of("long answers", op(s -> s.outputRatio(2.5)), List.of(1), "2.50× longer"),
                Arguments.of("regular gaps", op(s -> s.timingCv(0.5)), List.of(2), "machine-like timing"),
                Arguments.of("sub-second pauses", op(s -> s.window(21).timingCv(0.9).pause(999)), List.of(2),
                        "faster than a person"),
                Arguments.of("sub-second pauses, too few", op(s -> s.window(20).timingCv(0.9).pause(999)),
                        List.of(), "score 0"),
                Arguments.of("drift", op(s -> s.elicitation(0.4).earlierElicitation(0.1)), List.of(6, 2),
                        "elicitation rose from 10% to 40%"),
                Arguments.of("drift below", op(s -> s.elicitation(0.4).earlierElicitation(0.11)), List.of(6),
                        "reasoning traces"),
                Arguments.of("around the clock", op(s -> s.singleTurn(0.75).activeHours(20)), List.of(2),
                        "20 of the last 24 hours"),
                Arguments.of("around the clock, conversing", op(s -> s.singleTurn(0.74).activeHours(24)), List.of(),
                        "score 0"),
                Arguments.of("most of a day", op(s -> s.singleTurn(0.75).activeHours(19)), List.of(), "score 0"),
                Arguments.of("documents", op(s -> s.outputRatio(0.5)), List.of(-3), "processing documents"),
                Arguments.of("conversations", op(s -> s.singleTurn(0.7)), List.of(-3), "30% of requests continue"),
                Arguments.of("many users", op(s -> s.networks(5).timingCv(0.61)), List.of(-1), "many users"),
                Arguments.of("many users, too few networks", op(s -> s.networks(4).timingCv(0.61)), List.of(),
                        "score 0"),
                Arguments.of("many networks, regular gaps", op(s -> s.networks(5).timingCv(0.4)), List.of(2),
                        "machine-like timing"));
    }

    @ParameterizedTest(name = "campaign: {0}")
    @MethodSource("campaigns")
    void a_campaign_is_judged_without_its_clients_timing_and_networks(String name, int tenants, long machineLinks,
                                                                       long timingLinks, List<Integer> points) {
        Features features = new Shape().networks(40).timingCv(0.1).features();
        Assessment assessment = Assessment.ofCampaign(features, tenants, machineLinks, timingLinks);
        assertEquals(points, assessment.reasons().stream().map(Assessment.Reason::points).toList(),
                assessment.explain());
    }

    static Stream<Arguments> campaigns() {
        return Stream.of(
                Arguments.of("one tenant", 1, 0L, 0L, List.of()),
                Arguments.of("two tenants", 2, 0L, 0L, List.of()),
                Arguments.of("three tenants", 3, 0L, 0L, List.of(3)),
                Arguments.of("machine sweepers of one network", 1, 2L, 0L, List.of(2)),
                Arguments.of("keys sent for together", 1, 0L, 5L, List.of(3)));
    }

    private static UnaryOperator<Shape> op(UnaryOperator<Shape> change) {
        return change;
    }

    /** Features that give no reason either way, changed one at a time. */
    static final class Shape {
        private int window = 20;
        private double singleTurn = 0.72;
        private double elicitation;
        private double harvesting;
        private double templateReuse;
        private double diversity = 0.5;
        private double outputRatio = 1;
        private double timingCv = Double.NaN;
        private double pause = Double.NaN;
        private int networks = 1;
        private int activeHours = 1;
        private double earlierElicitation = Double.NaN;
        private double earlierSingleTurn = Double.NaN;
        private double tenantSingleTurn = Double.NaN;

        Shape window(int value) {
            window = value;
            return this;
        }

        Shape singleTurn(double value) {
            singleTurn = value;
            return this;
        }

        Shape elicitation(double value) {
            elicitation = value;
            return this;
        }

        Shape harvesting(double value) {
            harvesting = value;
            return this;
        }

        Shape templateReuse(double value) {
            templateReuse = value;
            return this;
        }

        Shape diversity(double value) {
            diversity = value;
            return this;
        }

        Shape outputRatio(double value) {
            outputRatio = value;
            return this;
        }

        Shape timingCv(double value) {
            timingCv = value;
            return this;
        }

        Shape pause(double millis) {
            pause = millis;
            return this;
        }

        Shape networks(int value) {
            networks = value;
            return this;
        }

        Shape activeHours(int value) {
            activeHours = value;
            return this;
        }

        Shape earlierElicitation(double value) {
            earlierElicitation = value;
            return this;
        }

        Shape earlierSingleTurn(double value) {
            earlierSingleTurn = value;
            return this;
        }

        Shape tenantSingleTurn(double value) {
            tenantSingleTurn = value;
            return this;
        }

        Features features() {
            return new Features(window, window, 1, singleTurn, elicitation, harvesting, templateReuse, diversity,
                    outputRatio, timingCv, pause, networks, activeHours, earlierElicitation, earlierSingleTurn,
                    tenantSingleTurn);
        }
    }
}
