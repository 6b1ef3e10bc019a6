package dev.moat.inspection;

import dev.moat.domain.DomainRuleViolation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Fires when the text holds at least {@code minimumHits} different phrases of a list, all found in one pass
 * (Aho–Corasick) over the confusable-folded text, as whole words.
 */
public record PhraseRule(RuleInfo info, List<String> phrases, int minimumHits, Trie trie) implements Rule {

    public static PhraseRule of(RuleInfo info, List<String> phrases, int minimumHits) {
        if (phrases == null || phrases.isEmpty()) {
            throw new DomainRuleViolation("rule " + info.id() + " needs at least one phrase");
        }
        if (minimumHits < 1 || minimumHits > phrases.size()) {
            throw new DomainRuleViolation("rule " + info.id() + ": minimumHits must be 1.." + phrases.size());
        }
        Trie.TrieBuilder builder = Trie.builder().onlyWholeWords();
        for (String phrase : phrases) {
            String folded = TextNormalizer.skeleton(TextNormalizer.normalize(phrase));
            if (folded.isEmpty()) {
                throw new DomainRuleViolation("rule " + info.id() + ": an empty phrase");
            }
            builder.addKeyword(folded);
        }
        return new PhraseRule(info, List.copyOf(phrases), minimumHits, builder.build());
    }

    @Override
    public Optional<Finding> evaluate(RequestContext request) {
        Set<String> hits = new LinkedHashSet<>();
        for (Emit emit : trie.parseText(request.skeleton())) {
            hits.add(emit.getKeyword());
            if (hits.size() >= Math.max(minimumHits, 3)) {
                break; // enough to fire and to show why
            }
        }
        return hits.size() >= minimumHits ? Optional.of(finding("phrases " + hits)) : Optional.empty();
    }
}
