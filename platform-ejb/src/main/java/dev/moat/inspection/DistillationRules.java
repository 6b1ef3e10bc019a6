package dev.moat.inspection;

import dev.moat.inspection.PatternRule.Target;
import dev.moat.inspection.Rule.Mode;
import dev.moat.inspection.Rule.Severity;
import java.util.List;

/**
 * The built-in rule pack "distillation": what public reports of 2025–2026 show distillation campaigns sending.
 * Each rule has a table-driven test (src/test/resources/inspection/rules/&lt;id&gt;.json) of requests that must
 * and must not fire.
 */
public final class DistillationRules {

    static final String CATEGORY = "distillation";
    /** Rules on the sampling fields rather than the text; behavioural detection counts them apart. */
    public static final String HARVESTING = "logit-harvesting";

    private DistillationRules() {
    }

    public static List<Rule> pack() {
        return List.of(
                ProximityRule.of(info("DST-100", "Reasoning-trace elicitation", "Asks the model to write out its "
                                + "internal reasoning, chain of thought or thinking, as campaigns harvesting reasoning "
                                + "traces do.", Severity.ERROR),
                        List.of(List.of(List.of("articulate", "write out", "spell out", "reveal", "show", "expose",
                                        "output", "print", "dump", "reproduce", "transcribe", "walk through",
                                        "walk me through", "lay out", "describe"),
                                List.of("internal", "hidden", "inner", "raw", "private", "full", "complete", "entire",
                                        "underlying", "step by step", "step-by-step"),
                                List.of("reasoning", "chain of thought", "chain-of-thought", "thought process",
                                        "thinking", "thoughts", "deliberation", "scratchpad"))), 40,
                        List.of("chain of thought", "chain-of-thought", "reasoning trace", "reasoning traces",
                                "reasoning tokens", "thinking tokens", "thinking trace", "your scratchpad")),
                PhraseRule.of(info("DST-110", "Explanation-tuning system prompt", "System prompts of explanation "
                                + "tuning (Orca-style): they make the model justify every step so that a student learns "
                                + "the reasoning, not only the answer.", Severity.WARNING),
                        List.of("think step-by-step and justify your steps", "justify your answer",
                                "user will give you a task", "while performing the task think step-by-step",
                                "explain like i'm five", "explain like i am five",
                                "you are a teacher", "provide a detailed answer so user don't need to search outside",
                                "while answering a multiple choice question", "first output the correct answer",
                                "think like you are answering to a five year old", "explain your reasoning",
                                "describe your reasoning", "justify each step", "faithfully as you can",
                                "who always provide explanation"),
                        2),
                PhraseRule.of(info("DST-120", "Data-generation meta-prompt", "Asks for a set of new task "
                                + "instructions with inputs and outputs, as Self-Instruct and Alpaca generation prompts "
                                + "do.", Severity.CRITICAL),
                        List.of("come up with a set of", "diverse task instructions", "task instructions",
                                "generate an appropriate input to the instruction", "<noinput>", "list of 20 tasks",
                                "maximize diversity", "the instruction also should be diverse",
                                "imperative instructions", "the output should be an appropriate response",
                                "generate instructions", "new instructions"),
                        2),
                ConditionRule.of(info("DST-130", "Logprob harvesting", "Asks for log-probabilities of many "
                                + "alternative tokens: the soft labels that make distillation most effective.",
                        Severity.ERROR, HARVESTING), request -> request.logprobs() && request.topLogprobs() != null
                        && request.topLogprobs() >= 5 ? "logprobs with top_logprobs=" + request.topLogprobs() : null),
                ConditionRule.of(info("DST-131", "Many samples per prompt", "Asks for many completions of one "
                                + "prompt at once, to sample the model's output distribution.", Severity.WARNING, HARVESTING),
                        request -> request.n() != null && request.n() >= 4 ? "n=" + request.n() : null),
                ConditionRule.of(info("DST-132", "Hot sampling of several answers", "Several answers at a high "
                                + "temperature: a sweep of the output distribution.", Severity.NOTICE, HARVESTING),
                        request -> request.n() != null && request.n() >= 2 && request.temperature() != null
                                && request.temperature() >= 1.2
                                ? "n=" + request.n() + " at temperature " + request.temperature() : null),
                ProximityRule.of(info("DST-140", "Answers formatted for training", "Asks for answers in a format "
                                + "meant for training or fine-tuning another model.", Severity.ERROR),
                        List.of(List.of(List.of("format", "formatted", "suitable", "usable", "ready"),
                                        List.of("training", "fine-tuning", "fine tuning", "finetuning", "sft",
                                                "distillation")),
                                List.of(List.of("training data", "training dataset", "training examples",
                                                "fine-tuning data", "fine-tuning examples", "sft data"),
                                        List.of("jsonl", "json lines", "json"))), 30,
                        List.of("prompt/completion pairs", "prompt-completion pairs", "prompt completion pairs",
                                "instruction/response pairs", "instruction-response pairs",
                                "instruction/output pairs", "instruction-output pairs")),
                PatternRule.of(info("DST-150", "Instruction-tuning template", "A request written in an instruction-"
                                + "tuning template (Alpaca's ### Instruction / ### Response), as generated datasets "
                                + "are.", Severity.WARNING), Target.ALL_TEXT,
                        "below is an instruction that describes a task|### ?instruction:?[\\s\\S]{0,1000}### ?"
                                + "(?:response|output):?", List.of("instruction"), 1100));
    }

    private static RuleInfo info(String id, String name, String description, Severity severity) {
        return info(id, name, description, severity, CATEGORY);
    }

    private static RuleInfo info(String id, String name, String description, Severity severity, String category) {
        return new RuleInfo(id, name, description, category, severity, Mode.ENFORCE);
    }
}
