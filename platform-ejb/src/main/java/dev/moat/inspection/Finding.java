package dev.moat.inspection;

/** What one rule found in one request: which rule, how much it adds to the score, and the evidence. */
public record Finding(String ruleId, String category, int score, boolean enforced, String evidence) {
}
