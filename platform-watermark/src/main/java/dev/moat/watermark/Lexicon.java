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
import java.util.Arrays;
import java.util.Map;

/**
 * The synonym groups the lexical watermark chooses among, read from {@code lexicon.tsv} (derived from WordNet
 * by the build, see {@code LexiconBuilder}). Immutable after loading; shared by every request.
 */
public final class Lexicon {

    private static final Lexicon DEFAULT = load();

    /** The start of the letter trie over all forms, for following a word as it streams in, letter by letter. */
    static final int TRIE_ROOT = 0;
    private static final int LETTERS = 26;

    private final Map<String, Form> forms;
    private final int groups;
    /** {@code trie[state * 26 + letter]}: the next state, 0 for none (the root is never a next state). */
    private final int[] trie;
    private final boolean[] endsAForm;

    private Lexicon(Map<String, Form> forms, int groups) {
        this.forms = forms;
        this.groups = groups;
        int[] table = new int[LETTERS * 1024];
        boolean[] ends = new boolean[1024];
        int states = 1;
        for (String form : forms.keySet()) {
            int state = TRIE_ROOT;
            for (int i = 0; i < form.length(); i++) {
                int slot = state * LETTERS + form.charAt(i) - 'a';
                if (table[slot] == 0) {
                    if (states == ends.length) {
                        table = Arrays.copyOf(table, table.length * 2);
                        ends = Arrays.copyOf(ends, ends.length * 2);
                    }
                    table[slot] = states++;
                }
                state = table[slot];
            }
            ends[state] = true;
        }
        this.trie = table;
        this.endsAForm = ends;
    }

    public static Lexicon standard() {
        return DEFAULT;
    }

    /** The group form of a lower-case word, or null when it is no group's member. */
    Form lookup(String lowerCaseWord) {
        return forms.get(lowerCaseWord);
    }

    /**
     * The trie state after one more letter (either case), or -1 when no word of the lexicon goes on this way: a
     * word being streamed that leaves the trie cannot become a position.
     */
    int next(int state, char letter) {
        int index = (letter | 0x20) - 'a';
        if (state < 0 || index < 0 || index >= LETTERS || letter > 'z') {
            return -1;
        }
        int next = trie[state * LETTERS + index];
        return next == 0 ? -1 : next;
    }

    /** Whether the letters that led to this state are a whole word of the lexicon. */
    boolean endsAForm(int state) {
        return state > 0 && endsAForm[state];
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
