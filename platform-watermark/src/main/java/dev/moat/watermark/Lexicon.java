package dev.moat.watermark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synonym groups the lexical watermark chooses among, read from {@code lexicon.tsv} (derived from WordNet
 * by the build, see {@code LexiconBuilder}). Immutable after loading; shared by every request.
 */
public final class Lexicon {

    private static final Lexicon DEFAULT = load();

    private final Map<String, Form> forms;
    private final int groups;
    /** Every form, for following a word as it streams in: one that leaves the trie cannot become a position. */
    private final LetterTrie trie;

    private Lexicon(Map<String, Form> forms, int groups) {
        this.forms = forms;
        this.groups = groups;
        this.trie = new LetterTrie(forms.keySet());
    }

    public static Lexicon standard() {
        return DEFAULT;
    }

    /** The group form of a lower-case word, or null when it is no group's member. */
    Form lookup(String lowerCaseWord) {
        return forms.get(lowerCaseWord);
    }

    LetterTrie trie() {
        return trie;
    }

    public int groupCount() {
        return groups;
    }

    public int wordFormCount() {
        return forms.size();
    }

    /**
     * One synonym group: {@code forms[variant][slot]}, for example {@code [[often], [frequently]]} or verbs'
     * base, -s, -ed and -ing. {@code id} is stable as long as the group's words are, so a watermark made with one
     * build of the lexicon is still read by the next.
     */
    record Group(String id, char partOfSpeech, boolean guarded, String[][] forms) {
        int variants() {
            return forms.length;
        }

        /** Whether all variants take the same indefinite article (a large, an enormous would not). */
        boolean sameArticle() {
            boolean vowel = startsWithVowel(forms[0][0]);
            for (String[] variant : forms) {
                if (startsWithVowel(variant[0]) != vowel) {
                    return false;
                }
            }
            return true;
        }

        private static boolean startsWithVowel(String word) {
            return "aeiou".indexOf(word.charAt(0)) >= 0;
        }
    }

    /** Where a word sits in the lexicon: its group, its variant, and its slot (singular or plural, tense). */
    record Form(Group group, int variant, int slot) {
    }

    private static Lexicon load() {
        try (InputStream in = Lexicon.class.getResourceAsStream("lexicon.tsv")) {
            if (in == null) {
                throw new IllegalStateException("lexicon.tsv is missing: the build derives it from WordNet");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Lexicon parse(BufferedReader lines) throws IOException {
        Map<String, Form> forms = new HashMap<>();
        int groups = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            List<String> lemmas = new ArrayList<>();
            String[][] variants = new String[fields.length - 1][];
            for (int i = 1; i < fields.length; i++) {
                String[] member = fields[i].split(":");
                lemmas.add(member[0]);
                variants[i - 1] = member[2].split(",");
            }
            Group group = new Group(String.join("|", lemmas.stream().sorted().toList()), fields[0].charAt(0),
                    fields[0].endsWith("!"), variants);
            for (int variant = 0; variant < variants.length; variant++) {
                for (int slot = 0; slot < variants[variant].length; slot++) {
                    forms.put(variants[variant][slot], new Form(group, variant, slot));
                }
            }
            groups++;
        }
        return new Lexicon(Map.copyOf(forms), groups);
    }
}
