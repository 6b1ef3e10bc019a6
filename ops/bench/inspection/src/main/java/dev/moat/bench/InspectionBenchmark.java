package dev.moat.bench;

import dev.moat.inspection.DistillationRules;
import dev.moat.inspection.Inspector;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Rule;
import dev.moat.inspection.Verdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway spends to inspect one chat request with the built-in rule pack: building the request
 * context (normalization, confusable skeleton) and running every rule, for a 2 KB prompt. The target is
 * at most 0.2 ms at the median. Sample mode reports percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InspectionBenchmark {

    /** A benign business question, and one that uses the words the reasoning rules anchor on. */
    @Param({"benign", "reasoning-words"})
    public String prompt;

    private List<Rule> rules;
    private List<RequestContext.Message> messages;

    @Setup
    public void setUp() {
        String sentence = prompt.equals("benign")
                ? "Please help me understand how the quarterly revenue figures for our European subsidiaries were "
                        + "consolidated, including currency conversion effects and intercompany eliminations. "
                : "My reasoning about the training plan and our thinking on how the quarterly figures were "
                        + "consolidated, including the thought process behind currency conversion effects. ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 2048) {
            text.append(sentence);
        }
        rules = DistillationRules.pack();
        messages = List.of(new RequestContext.Message("system", "You are a helpful assistant."),
                new RequestContext.Message("user", text.substring(0, 2048)));
    }

    @Benchmark
    public Verdict inspectTwoKilobytePrompt() {
        return Inspector.inspect(RequestContext.of("model", messages, null, false, null, null, null), rules);
    }
}
