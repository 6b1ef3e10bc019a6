package dev.moat.inspection;

import dev.moat.domain.DomainRuleViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        List<Emit> emits = new ArrayList<>(trie.parseText(text));
        emits.sort(Comparator.comparingInt(Emit::getStart));
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

    /**
     * Follows chain {@code c} through the found words in one pass, in the order they start: for each group it keeps
     * the latest-ending word that completes the groups before it (a later end leaves the widest room for the next
     * group). One pass, so a prompt repeating the rule's words a hundred thousand times costs no more than a
     * hundred thousand words. Assumes the words of successive groups do not overlap in the text (true of the
     * built-in pack's words; operators write no proximity rules).
     */
    private Optional<Finding> chain(int c, List<Emit> emits, String text) {
        int groups = chains.get(c).size();
        int[] reachedEnd = new int[groups];
        int[] chainStart = new int[groups];
        Arrays.fill(reachedEnd, -1);
        for (Emit emit : emits) {
            Set<Integer> emitRoles = roles.get(emit.getKeyword());
            // Later groups first, so that one word cannot serve as two groups of the same chain.
            for (int g = groups - 1; g >= 0; g--) {
                if (!emitRoles.contains(c * 100 + g)) {
                    continue;
                }
                if (g == 0) {
                    reachedEnd[0] = emit.getEnd();
                    chainStart[0] = emit.getStart();
                } else if (reachedEnd[g - 1] >= 0 && emit.getStart() > reachedEnd[g - 1]
                        && emit.getStart() - reachedEnd[g - 1] <= gap) {
                    reachedEnd[g] = emit.getEnd();
                    chainStart[g] = chainStart[g - 1];
                    if (g == groups - 1) {
                        return Optional.of(finding("matched \"" + text.substring(chainStart[g], emit.getEnd() + 1)
                                + "\""));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
