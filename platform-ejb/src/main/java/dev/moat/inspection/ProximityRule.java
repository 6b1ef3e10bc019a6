package dev.moat.inspection;

import dev.moat.domain.DomainRuleViolation;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Fires when words of successive groups follow each other closely ("reveal" … "hidden" … "reasoning"), or when
 * one of the standalone phrases appears. All words are found in one Aho–Corasick pass over the confusable-folded
 * text; only then are their positions compared. What a regular expression with gaps of a few words would find,
 * at a fraction of its cost on long prompts.
 *
 * @param chains     each a list of word groups that must appear in this order, each within {@code gap} characters
 *                   of the one before
 * @param standalone phrases that fire on their own
 */
public record ProximityRule(RuleInfo info, List<List<List<String>>> chains, int gap, List<String> standalone,
                            Trie trie, Map<String, Set<Integer>> roles) implements Rule {

    private static final int STANDALONE = -1;

    public static ProximityRule of(RuleInfo info, List<List<List<String>>> chains, int gap, List<String> standalone) {
        if (gap < 1 || chains.stream().anyMatch(chain -> chain.size() < 2)) {
            throw new DomainRuleViolation("rule " + info.id() + ": chains need two groups or more and a positive gap");
        }
        Map<String, Set<Integer>> roles = new HashMap<>();
        for (int c = 0; c < chains.size(); c++) {
            for (int g = 0; g < chains.get(c).size(); g++) {
                for (String word : chains.get(c).get(g)) {
                    roles.computeIfAbsent(fold(word), key -> new HashSet<>()).add(c * 100 + g);
                }
            }
        }
        standalone.forEach(phrase -> roles.computeIfAbsent(fold(phrase), key -> new HashSet<>()).add(STANDALONE));
        Trie.TrieBuilder builder = Trie.builder().onlyWholeWords();
        roles.keySet().forEach(builder::addKeyword);
        return new ProximityRule(info, chains, gap, List.copyOf(standalone), builder.build(), Map.copyOf(roles));
    }

    private static String fold(String phrase) {
        return TextNormalizer.skeleton(TextNormalizer.normalize(phrase));
    }

    @Override
    public Optional<Finding> evaluate(RequestContext request) {
        String text = request.skeleton();
        Collection<Emit> emits = trie.parseText(text);
        for (Emit emit : emits) {
            if (roles.get(emit.getKeyword()).contains(STANDALONE)) {
                return Optional.of(finding("phrase \"" + emit.getKeyword() + "\""));
            }
        }
        for (int c = 0; c < chains.size(); c++) {
            Optional<Finding> found = chain(c, emits, text);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Follows chain {@code c} through the found words: each group must follow the last one within the gap. */
    private Optional<Finding> chain(int c, Collection<Emit> emits, String text) {
        for (Emit first : emits) {
            if (!roles.get(first.getKeyword()).contains(c * 100)) {
                continue;
            }
            Emit last = first;
            boolean complete = true;
            for (int g = 1; g < chains.get(c).size() && complete; g++) {
                Emit next = null;
                for (Emit candidate : emits) {
                    if (candidate.getStart() > last.getEnd() && candidate.getStart() - last.getEnd() <= gap
                            && roles.get(candidate.getKeyword()).contains(c * 100 + g)) {
                        next = candidate;
                        break;
                    }
                }
                complete = next != null;
                last = complete ? next : last;
            }
            if (complete) {
                return Optional.of(finding("matched \"" + text.substring(first.getStart(), last.getEnd() + 1) + "\""));
            }
        }
        return Optional.empty();
    }
}
