package dev.moat.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WatermarkerTest {

    private static final String PROSE = """
            However, the teacher often said that the students usually respond quickly. Frequently they assessed \
            the huge car and evaluated whether it was reliable. Especially the writer, who is famous, \
            recalled the terrible war; the doctor and the lawyer mostly agreed. Nearly every student was \
            astonished, and the animal was evidently frightened. Similarly, the instructor calculates costs.""";

    /** Contractions where both forms fit, and where only the written one does (questions, clause ends). */
    private static final String CHAT = """
            Hmm, I don't know, and you do not either. So I'm sure it is not hard, but we are close and \
            they're right; people can't wait and it won't rain. Why don't you ask? Don't worry. Yes, I am. \
            It works, isn't it? Still you cannot stop, and he won\u2019t. Why won\u2019t it stop? Who knows what you are
            thinking, and I am done.""";

    private static String prose(int copies) {
        StringBuilder text = new StringBuilder();
        String[] openers = {"Today", "Then", "So", "Yes", "Next", "And", "Also", "Now", "Well", "Later"};
        for (int i = 0; i < copies; i++) {
            // a different word before each sentence varies the contexts, as real text does
            text.append(openers[i % openers.length]).append(' ').append(i).append(": ").append(PROSE).append("\n\n");
        }
        return text.toString();
    }

    static LexicalKey key(long seed) {
        byte[] secret = new byte[32];
        new Random(seed).nextBytes(secret);
        return new LexicalKey(secret, 1.0);
    }

    @Test
    void changes_only_lexicon_words_and_keeps_capitalisation_and_punctuation() {
        String marked = new Watermarker(key(1), null).mark(PROSE);
        String[] before = PROSE.split(" ");
        String[] after = marked.split(" ");
        assertEquals(before.length, after.length);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                changed++;
                String core = before[i].replaceAll("[^A-Za-z]", "");
                assertTrue(Lexicon.standard().lookup(core.toLowerCase()) != null, "changed a non-lexicon word: " + before[i]);
                assertEquals(Character.isUpperCase(before[i].charAt(0)), Character.isUpperCase(after[i].charAt(0)));
                assertEquals(before[i].replaceAll("[A-Za-z]", ""), after[i].replaceAll("[A-Za-z]", ""));
            }
        }
        assertTrue(changed > 0, "some of the many lexicon words here must change under a key");
    }

    @Test
    void leaves_code_urls_numbers_quotes_and_names_alone() {
        String text = """
                Use `often quickly` here and see https://example.com/often/quickly for the huge list.
                ```python
                often = quickly  # huge
                ```
                He said "often the huge car" and 42 huge cars; Mr Often Quickly came.
                """;
        for (long seed = 0; seed < 50; seed++) {
            String marked = new Watermarker(key(seed), null).mark(text);
            for (String kept : List.of("`often quickly`", "https://example.com/often/quickly",
                    "often = quickly  # huge", "\"often the huge car\"", "Mr Often Quickly")) {
                assertTrue(marked.contains(kept), kept + " was changed: " + marked);
            }
        }
    }

    /** Places a review of real swaps found wrong, each with a context that still changes beside it. */
    @Test
    void idioms_and_clause_ends_keep_their_form() {
        String text = "No, you don't. So you do not stop. Everyone around you will know it. I can help you think "
                + "this through. I think I will go, and I think they are right. There's two ways; there's a way. "
                + "It is not nearly as hard and frequently fun.";
        boolean[] changed = new boolean[3];
        for (long seed = 0; seed < 60; seed++) {
            String marked = new Watermarker(key(seed), null).mark(text);
            for (String kept : List.of("No, you don't.", "around you will know", "help you think this",
                    "I think I", "There's two ways", "nearly as hard")) {
                assertTrue(marked.contains(kept), kept + " must stay: " + marked);
            }
            changed[0] |= marked.contains("you don't stop");
            changed[1] |= marked.contains("I believe they are");
            changed[2] |= marked.contains("there is a way");
        }
        for (int i = 0; i < changed.length; i++) {
            assertTrue(changed[i], "no key changed the form beside case " + i);
        }
    }

    /** A word that is also a verb ("features", "stores") is swapped as a noun only after a determiner that fits. */
    @Test
    void a_noun_that_is_also_a_verb_changes_only_after_a_determiner_that_fits_it() {
        String text = "It is a show that features a film. What kind of store sells that feature? This stores it.";
        boolean sortSeen = false;
        for (long seed = 0; seed < 50; seed++) {
            String marked = new Watermarker(key(seed), null).mark(text);
            assertTrue(marked.contains("that features a") && marked.contains("This stores it."), marked);
            sortSeen |= marked.contains("What sort of");
        }
        assertTrue(sortSeen, "\"what\" calls for a noun: some key writes \"What sort of\"");
    }

    @Test
    void streaming_in_any_pieces_writes_what_the_whole_text_gets() {
        String text = prose(3) + CHAT + AUXILIARIES;
        String whole = new Watermarker(key(2), new byte[] {1, 2, 3, 4, 5, 6}).mark(text);
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            Watermarker streaming = new Watermarker(key(2), new byte[] {1, 2, 3, 4, 5, 6});
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < text.length()) {
                int end = Math.min(text.length(), at + 1 + random.nextInt(12));
                out.append(streaming.accept(text.substring(at, end)));
                at = end;
            }
            out.append(streaming.finish());
            assertEquals(whole, out.toString());
        }
    }

    @Test
    void a_piece_may_be_a_buffer_that_the_next_piece_overwrites() {
        String text = prose(2) + CHAT;
        String whole = new Watermarker(key(2), null).mark(text);
        Watermarker streaming = new Watermarker(key(2), null);
        StringBuilder piece = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < text.length(); at += 7) {
            piece.setLength(0);
            piece.append(text, at, Math.min(text.length(), at + 7));
            out.append(streaming.accept(piece)); // a plain word's context must not be read from it later
        }
        out.append(streaming.finish());
        assertEquals(whole, out.toString());
    }

    @Test
    void holds_back_only_a_word_being_written_that_may_become_a_lexicon_word() {
        Watermarker streaming = new Watermarker(key(4), null);
        assertEquals("Yes", streaming.accept("Yes"), "no lexicon word begins with yes: the first token goes at once");
        assertEquals(", the ", streaming.accept(", the "));
        assertEquals("", streaming.accept("ca"), "car may be coming");
        String rest = streaming.accept("r is ") + streaming.finish();
        assertTrue(rest.endsWith(" is "), rest);
        assertEquals("`of", new Watermarker(key(4), null).accept("`of"), "inline code is never held");
    }

    @Test
    void the_invisible_mark_goes_after_the_first_space_or_else_at_the_end_but_never_into_code() {
        byte[] payload = {9, 8, 7, 6, 5, 4};
        String prose = new Watermarker(null, payload).mark("Plain words here.");
        assertTrue(prose.startsWith("Plain " + InvisibleMark.encode(payload)), prose);
        String slogan = new Watermarker(null, payload).mark("\"Put on a happy face.\"");
        assertTrue(slogan.endsWith("\"" + InvisibleMark.encode(payload)), slogan);
        for (String code : new String[] {"```\nx = 1\n```", "```\nx = 1\ny = 2", "`x = 1"}) {
            assertEquals(code, new Watermarker(null, payload).mark(code));
        }
    }

    @Test
    void marking_twice_changes_nothing_more() {
        String once = new Watermarker(key(5), null).mark(prose(4) + CHAT + AUXILIARIES);
        assertEquals(once, new Watermarker(key(5), null).mark(once));
    }

    @Test
    void contractions_change_form_only_where_both_forms_fit() {
        int contracted = 0;
        int expanded = 0;
        for (long seed = 0; seed < 50; seed++) {
            String marked = new Watermarker(key(seed), null).mark(CHAT);
            assertEquals(expanded(CHAT), expanded(marked), "only contractions change: " + marked);
            for (String kept : List.of("Why don't you ask?", "Don't worry.", "Yes, I am.", "isn't it?",
                    "what you are\nthinking", "Why won\u2019t it stop?")) {
                assertTrue(marked.contains(kept), kept + " must stay: " + marked);
            }
            contracted += marked.contains("you don't either") ? 1 : 0;
            expanded += marked.contains("I do not know") ? 1 : 0;
        }
        assertTrue(contracted > 0 && expanded > 0, "some keys write each form");
        boolean contractedTypographic = false;
        for (long seed = 0; seed < 20; seed++) {
            String typographic = new Watermarker(key(seed), null).mark("Well, it\u2019s fine, and you do not mind.");
            assertTrue(!typographic.contains("don't"), "the text's own apostrophe: " + typographic);
            contractedTypographic |= typographic.contains("you don\u2019t mind");
        }
        assertTrue(contractedTypographic, "some keys contract \"you do not\"");
    }

    /** A pronoun's auxiliary, where the next word shows whether both forms fit. */
    private static final String AUXILIARIES = """
            It's fine. Well, it's a good day and it is not late. It is a start, so I'd like tea and you'll \
            see why; they would be happy. Somebody said everyone knows anyone can ask. I know what it is and \
            who you are in life. Here you are: it's been long, it's also late, I'd better go, he'd done it. \
            Yes, it is. As it is now, I will not stay and (it's) fine. So I'm sure it's frequently late, and a \
            certain man said: Sure! Now I think that works, and I believe you. So they thought it was fine; I think \
            about it. What do you think he should do?""";

    @Test
    void a_pronouns_auxiliary_changes_form_only_where_the_next_word_shows_both_forms_fit() {
        boolean[] seen = new boolean[9];
        for (long seed = 0; seed < 60; seed++) {
            String marked = new Watermarker(key(seed), null).mark(AUXILIARIES);
            assertEquals(auxiliariesWrittenOut(AUXILIARIES), auxiliariesWrittenOut(marked), "only forms change: "
                    + marked);
            for (String kept : List.of("It's fine.", "what it is and", "who you are in life", "Here you are:",
                    "it's been", "it's also", "I'd better", "he'd done", "Yes, it is.", "As it is now",
                    "(it's) fine.", "What do you think he")) {
                assertTrue(marked.contains(kept), kept + " must stay: " + marked);
            }
            assertTrue(!marked.contains("I'll not"), "\"I will not\" is \"I won't\" or stays: " + marked);
            assertTrue(marked.contains("I believe you.") && marked.contains("I think about it."), "\"believe you\" ends"
                    + " its clause; \"think about\" is no \"believe about\": " + marked);
            assertTrue(marked.matches("(?s).*it's (often|frequently) late, and a certain man said: Sure!.*"),
                    "\"'s\" before a word that may become \"often\" (\"it's often been\") stays: " + marked);
            seen[0] |= marked.contains("it is a good day");
            seen[1] |= marked.contains("It's a start"); // at a sentence's start: its capital kept
            seen[2] |= marked.contains("I would like tea");
            seen[3] |= marked.contains("you will see") && marked.contains("they'd be");
            seen[4] |= marked.contains("it isn't late"); // "is not" is still a negation's choice
            seen[5] |= marked.contains("Someone said everybody knows anybody");
            seen[6] |= marked.contains("So I am certain"); // "sure" after a verb, and the contraction before it
            seen[7] |= marked.contains("Now I believe that works");
            seen[8] |= marked.contains("they believed it was");
        }
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "no key wrote form " + i);
        }
    }

    private static String auxiliariesWrittenOut(String text) {
        return expanded(text).replaceAll("(?i)\\b(it|he|she|that|there|here|what|who)'s\\b", "$1 is")
                .replaceAll("(?i)\\b(i|you|we|they|he|she)'ll\\b", "$1 will")
                .replaceAll("(?i)\\b(i|you|we|they|he|she)'d (like|be)\\b", "$1 would $2")
                .replaceAll("(?i)some(one|body)", "someone").replaceAll("(?i)every(one|body)", "everyone")
                .replaceAll("(?i)any(one|body)", "anyone").replace("is not", "isn't").replace("often", "frequently")
                .replace("believed", "thought").replace("believe that", "think that");
    }

    @Test
    void emphasis_around_a_contraction_is_kept() {
        for (long seed = 0; seed < 20; seed++) {
            String marked = new Watermarker(key(seed), null).mark("So you *don't* go, and you (can't) stay.");
            assertTrue(marked.contains("*") && marked.contains("(") && marked.matches(".*\\*(don't|do not)\\*.*"),
                    marked);
        }
    }

    /** The text with every contraction written out (and "sure" for "certain"), to compare texts by their form. */
    private static String expanded(String text) {
        return text.replace("certain", "sure").replace('\u2019', '\'').replace("won't", "will not")
                .replace("can't", "cannot").replace("n't", " not").replace("I'm", "I am").replace("'re", " are");
    }

    @Test
    void the_article_still_fits_the_word() {
        for (long seed = 0; seed < 200; seed++) {
            String marked = new Watermarker(key(seed), null).mark("It was a huge success and an enormous one.");
            assertTrue(!marked.matches(".*\\ba [aeiou].*") && !marked.matches(".*\\ban [^aeiou ].*"), marked);
        }
    }

    @Test
    void a_quotation_or_inline_code_left_open_ends_with_its_paragraph() {
        for (String open : new String[] {"He said \"stop", "Run `make", "She wrote \u201Cnever"}) {
            String text = open + " now.\n\n" + PROSE;
            String marked = new Watermarker(key(9), null).mark(text);
            assertTrue(marked.startsWith(open + " now.\n\n"), marked);
            assertNotEquals(text, marked, "the paragraph after it is marked: " + open);
        }
        String quotedOnward = "\"" + PROSE + "\n\n\"" + PROSE + "\"";
        assertEquals(quotedOnward, new Watermarker(key(9), null).mark(quotedOnward),
                "a quotation that runs on opens its next paragraph with a quote mark again");
        String longLine = "\"Quoted:\n" + "x".repeat(60) + "\n" + PROSE + "\"";
        assertEquals(longLine, new Watermarker(key(9), null).mark(longLine),
                "a line of one long word is no blank line");
    }

    @Test
    void the_key_finds_its_watermark_and_other_keys_do_not() {
        String marked = new Watermarker(key(6), null).mark(prose(30));
        Evidence evidence = Evidence.of(marked);
        Evidence.Score own = evidence.score(key(6), null);
        assertTrue(own.z() >= 4, "own key: " + own);
        for (long other = 100; other < 140; other++) {
            Evidence.Score score = evidence.score(key(other), null);
            assertTrue(score.z() < 4, "key " + other + ": " + score);
        }
        assertTrue(Evidence.of(prose(30)).score(key(6), null).z() < 4, "the original text is not watermarked");
    }

    /**
     * A suspect corpus joins answers with blank lines: every position the detector finds there must be one the
     * marker chose in its answer, including at each answer's start ("I'm sorry", which no stream holds back).
     */
    @Test
    void answers_joined_by_blank_lines_show_only_positions_the_marker_chose() {
        List<String> answers = List.of("I'm sorry, but it is hard.", "It's a huge car. I am sure it is fine.",
                "I think they often agree.\nThey're right and I am glad.", "You don't need it; we are close.",
                CHAT, PROSE);
        for (long seed = 0; seed < 40; seed++) {
            LexicalKey key = key(seed);
            StringBuilder corpus = new StringBuilder();
            for (String answer : answers) {
                corpus.append(new Watermarker(key, null).mark(answer)).append("\n\n");
            }
            Evidence.Score score = Evidence.of(corpus).score(key, null);
            assertTrue(score.positions() > 10, "positions: " + score);
            assertEquals(score.positions(), score.matches(), 1e-9, "every position has the key's choice: " + score);
        }
    }

    @Test
    void the_fingerprint_tags_each_marked_position_and_hashes_the_text() {
        Watermarker marker = new Watermarker(key(7), null);
        String marked = marker.mark(PROSE);
        Watermarker.Fingerprint fingerprint = marker.fingerprint();
        assertEquals(fingerprint.positions() * 4, fingerprint.positionTags().length);
        assertTrue(fingerprint.positions() > 5);
        assertEquals(java.util.HexFormat.of().formatHex(sha256(marked)), fingerprint.sha256());
    }

    @Test
    void a_text_without_lexicon_words_has_no_evidence() {
        assertEquals(0, Evidence.of("Ceci n'est pas une pipe. 这不是烟斗。").score(key(8), null).positions());
        assertEquals(1.0, Evidence.of("").score(key(8), null).pValue() * 2, 1e-6);
        assertNotEquals(0, Evidence.of(PROSE).positions());
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
