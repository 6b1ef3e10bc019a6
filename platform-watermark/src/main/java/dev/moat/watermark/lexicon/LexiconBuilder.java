package dev.moat.watermark.lexicon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Derives the watermark's synonym lexicon from WordNet 3.1 at build time (run by the build, never by Moat).
 *
 * <p>A word joins a group only where a swap is safe without understanding the sentence: the group's sense is
 * the word's most frequent one by a wide margin, the word is rarely another part of speech, and each of its
 * inflected forms belongs to no other word in the lexicon. Irregular verbs and verbs whose spelling changes
 * before a suffix are left out, so every form is built by plain rules and checked against WordNet's own
 * morphology. The output: one group per line, {@code pos<TAB>word:uses:form,form…} per member, forms aligned by
 * slot (nouns: singular, plural; verbs: base, -s, -ed, -ing; adjectives, adverbs and pronouns: base); a
 * {@code !} after the part of speech marks a group with a word that is also, more rarely, another part of speech.
 */
public final class LexiconBuilder {

    /** Sense-tagged uses (SemCor) below which a word is too rare to know how it is used. */
    private static final int MIN_USES = 3;
    /** Share of a word's tagged uses that the group's sense must have. */
    private static final double MIN_DOMINANCE = 0.5;
    /**
     * Uses as another part of speech, relative to this one, above which the word is left out; below it, the
     * word is marked "guarded" and swapped only where the word before it calls for its part of speech (a noun
     * after a determiner: "the result", never "results in").
     */
    private static final double MAX_OTHER_POS_SHARE = 3.0;
    /** A member far rarer than its group's commonest word would read as odd in its place. */
    private static final int MAX_USE_RATIO = 12;
    /** Adverbs that WordNet lists but that mostly work as prepositions or conjunctions. */
    private static final Set<String> FUNCTION_WORDS = Set.of("after", "before", "since", "once", "still", "yet",
            "even", "just", "only", "well", "too", "also", "then", "now", "here", "there", "so", "very", "presently");

    /**
     * Reviewed by hand: words whose common use is not WordNet's first sense here (about, little), that change
     * register (papa, ammo), spelling variants that would mix in one text (theatre), and pairs whose meanings
     * part in everyday phrases ("a good job", "on purpose", "the chance of rain", "works perfectly"), and verbs that
     * take a bare infinitive their synonyms do not ("help you find", never "assist you find"). The last lines came from
     * reviews of 1,015, 1,087 and 1,054 swaps in real answers: words whose sense, register or collocations part
     * from their group's in everyday use ("provide fresh air", "respond to this question", "the vast majority",
     * "functioning normally", "a college student", "That's understandable", "the phone's GPS app", "country code",
     * "use it however they want", "the main entrance", "a fake mustache", "take responsibility").
     */
    private static final Set<String> DENIED = Set.of("about", "roughly", "little", "curious", "peculiar", "queer",
            "piteous", "poor", "singular", "remarkable", "fashion", "mode", "style", "process", "procedure", "spouse",
            "partner", "chance", "opportunity", "finally", "eventually", "goddam", "goddamned", "damn", "goddamn",
            "gag", "joke", "faith", "religion", "hall", "hallway", "palace", "castle", "lid", "conception", "integrity",
            "unity", "complaint", "fringe", "director", "manager", "minister", "pastor", "comrade", "fellow", "lad",
            "puncher", "papa", "babe", "acetonemia", "theatre", "diarrhoea", "whisky", "grammatic", "sinfulness",
            "bulk", "doctrine", "philosophy", "irony", "satire", "panic", "terror", "packet", "bundle", "package",
            "committee", "commission", "colony", "settlement", "district", "territory", "neighborhood", "vacation",
            "holiday", "menace", "threat", "despair", "desperation", "tragedy", "examination", "scrutiny", "intake",
            "uptake", "warfare", "motive", "fault", "occupation", "job", "assurance", "confidence", "differentiation",
            "distinction", "remembrance", "recollection", "purpose", "intention", "announcement", "proclamation",
            "promotion", "publicity", "dictatorship", "tyranny", "defender", "guardian", "percentage", "percent",
            "patriotism", "nationalism", "review", "reexamine", "contend", "postulate", "recommend", "advocate",
            "mention", "cite", "adjoin", "butt", "procure", "secure", "prominent", "salient", "savage", "central",
            "fundamental", "inherent", "integral", "plain", "religious", "spiritual", "fierce", "furious", "fiscal",
            "altogether", "perfectly", "absolutely", "utterly", "badly", "severely", "fairly", "reasonably",
            "decidedly", "truly", "really", "plainly", "accordingly", "backward", "rearward", "above", "supra",
            "strictly", "purely", "gravely", "soberly", "possibly", "hereinafter", "hereafter", "madly", "frantically",
            "approximately", "ammo", "beloved", "dear", "cardinal", "key", "entire", "total", "extreme", "utmost",
            "individual", "single", "minimal", "minimum", "obscure", "vague", "round", "circular", "agenda",
            "schedule", "brush", "thicket", "bullet", "slug", "center", "middle", "clamor", "din", "clump", "cluster",
            "decree", "fiat", "drift", "impetus", "encounter", "skirmish", "enterprise", "endeavor", "estimate",
            "approximation", "exercise", "workout", "glance", "glimpse", "hazard", "risk", "injury", "harm", "intent",
            "aim", "lack", "deficiency", "plan", "program", "potential", "potentiality", "project", "task", "pursuit",
            "chase", "remainder", "rest", "request", "petition", "resident", "occupant", "roar", "thunder", "smile",
            "grin", "speed", "velocity", "spell", "trance", "spring", "springtime", "contempt", "scorn", "alone",
            "ill", "poorly", "north", "northward", "upwards", "upward", "acclaim", "hail", "assail", "assault",
            "blazing", "glaring", "curved", "curving", "damned", "darned", "despairing", "desperate", "frightening",
            "laden", "loaded", "suitable", "suited", "component", "element", "grandmother", "granny", "tube", "tubing",
            "airplane", "plane", "cattle", "oxen", "effect", "factory", "mill", "guidance", "counseling", "load",
            "loading", "railing", "rail", "scope", "range", "sermon", "preaching", "wage", "salary", "later",
            "afterward", "discontinue", "cease", "exceed", "transcend", "explode", "detonate", "interrupt", "disrupt",
            "ordain", "enact", "promote", "encourage", "retrieve", "regain", "suppress", "conquer", "twine",
            "interlace", "accumulate", "compile", "adopt", "espouse", "approve", "sanction", "arouse", "evoke",
            "associate", "link", "bawl", "bellow", "challenge", "dispute", "cope", "grapple", "dash", "scoot",
            "deduce", "derive", "destine", "doom", "detect", "notice", "dismiss", "discount", "embrace", "encompass",
            "illumine", "illuminate", "imitate", "simulate", "meditate", "muse", "motivate", "prompt", "necessitate",
            "need", "require", "pertain", "concern", "prescribe", "dictate", "print", "publish", "reap", "harvest",
            "repeat", "reiterate", "restrict", "curtail", "retreat", "recede", "seize", "clutch", "squeak",
            "screech", "creak", "tend", "incline", "thwart", "frustrate", "traverse", "cross", "tumble", "topple",
            "twist", "yell", "scream", "help",
            "furnish", "react", "infant", "theme", "dependence", "trader", "scheme", "intelligible", "recollect",
            "surely", "grownup", "epoch", "commonly", "ordinarily", "normally", "consequence", "penalty", "pupil",
            "sickness", "schoolroom", "frightful", "investigator", "tale", "narrative", "inexpensive", "principal",
            "vast", "telephone", "penalize", "lately", "precisely", "totally", "famed", "corroborate", "affirm",
            "characteristic", "utilization", "cloth", "textile", "nation", "gaze", "collaborate", "nevertheless", "chief",
            "bogus", "obligation", "serpent", "mutely", "subsequently", "irritation", "integrate", "underline",
            "aid", "wholly", "sensible", "evidently");

    /**
     * Groups reviewed by hand, each line as written to the lexicon: indefinite pronouns, interchangeable in every
     * use and frequent in answers, which WordNet files under "person" or lacks ({@code p}); and "sure"/"certain",
     * swapped only after a verb ({@code q!}, "I'm sure", never "a certain" or "Sure!").
     */
    private static final List<String> REVIEWED = List.of("p\tanyone:0:anyone\tanybody:0:anybody",
            "p\tsomeone:0:someone\tsomebody:0:somebody", "p\teveryone:0:everyone\teverybody:0:everybody",
            "q!\tsure:0:sure\tcertain:0:certain");

    private final Dictionary wordNet;
    private final Map<POS, Set<String>> irregularLemmas = new HashMap<>();

    private LexiconBuilder(Dictionary wordNet) {
        this.wordNet = wordNet;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        if (Files.exists(out)) {
            return; // the lexicon depends only on WordNet's fixed release
        }
        List<Group> groups = new LexiconBuilder(Dictionary.getDefaultResourceInstance()).build();
        write(groups, out);
        System.out.printf("[lexicon] %d synonym groups, %d words, written to %s%n", groups.size(),
                groups.stream().mapToInt(g -> g.members.size()).sum(), out);
    }

    private List<Group> build() throws JWNLException {
        List<Group> groups = new ArrayList<>();
        for (POS pos : List.of(POS.ADJECTIVE, POS.ADVERB, POS.VERB, POS.NOUN)) {
            Iterator<Synset> synsets = wordNet.getSynsetIterator(pos);
            while (synsets.hasNext()) {
                Synset synset = synsets.next();
                List<Member> members = new ArrayList<>();
                for (Word word : synset.getWords()) {
                    Member member = memberOrNull(pos, synset, word);
                    if (member != null) {
                        members.add(member);
                    }
                }
                int commonest = members.stream().mapToInt(Member::uses).max().orElse(0);
                members.removeIf(m -> m.uses() * MAX_USE_RATIO < commonest);
                if (members.size() >= 2) {
                    groups.add(new Group(pos, members));
                }
            }
        }
        return withoutSharedForms(groups);
    }

    private Member memberOrNull(POS pos, Synset synset, Word word) throws JWNLException {
        String lemma = word.getLemma();
        if (!lemma.matches("[a-z]{3,}") || word.getUseCount() < MIN_USES || FUNCTION_WORDS.contains(lemma)
                || DENIED.contains(lemma)
                || pos == POS.NOUN && lemma.endsWith("s") && !lemma.matches(".*(ss|us|is)")) {
            return null; // plural-only nouns (stairs, woods) have no regular plural to swap with
        }
        IndexWord index = wordNet.getIndexWord(pos, lemma);
        if (index == null || index.getSenses().size() == 0 || !index.getSenses().get(0).equals(synset)) {
            return null;
        }
        int uses = usesOf(index);
        if (word.getUseCount() < MIN_DOMINANCE * uses) {
            return null;
        }
        Forms forms = formsOf(pos, lemma);
        if (forms == null) {
            return null;
        }
        int otherUses = forms.otherUses();
        for (POS other : POS.getAllPOS()) {
            IndexWord elsewhere = other == pos ? null : wordNet.getIndexWord(other, lemma);
            otherUses += elsewhere == null ? 0 : usesOf(elsewhere);
        }
        if (otherUses > MAX_OTHER_POS_SHARE * uses) {
            return null;
        }
        return new Member(lemma, word.getUseCount(), otherUses > 0, forms.forms());
    }

    private static int usesOf(IndexWord index) {
        int uses = 0;
        for (Synset sense : index.getSenses()) {
            for (Word w : sense.getWords()) {
                if (w.getLemma().equalsIgnoreCase(index.getLemma())) {
                    uses += w.getUseCount();
                }
            }
        }
        return uses;
    }

    /**
     * The word's forms by slot, or null when one cannot be built by rule and confirmed by WordNet; with the uses
     * of other words that share a form ("given" is also the verb give, "helping" also a noun).
     */
    private Forms formsOf(POS pos, String lemma) throws JWNLException {
        List<String> forms = switch (pos) {
            case NOUN -> List.of(lemma, sibilant(lemma) ? lemma + "es" : consonantY(lemma)
                    ? lemma.substring(0, lemma.length() - 1) + "ies" : lemma + "s");
            case VERB -> verbForms(lemma);
            default -> List.of(lemma);
        };
        if (forms == null || isIrregular(pos, lemma)) {
            return null;
        }
        int otherUses = 0;
        for (String form : forms) {
            for (POS any : POS.getAllPOS()) {
                List<String> bases = wordNet.getMorphologicalProcessor().lookupAllBaseForms(any, form);
                if (any == pos && !bases.contains(lemma)) {
                    return null; // the rule built a form that WordNet does not read back as this word
                }
                for (String base : bases) {
                    if (!(any == pos && base.equals(lemma))) {
                        IndexWord other = wordNet.getIndexWord(any, base);
                        otherUses += other == null ? 0 : usesOf(other);
                    }
                }
            }
        }
        return new Forms(forms, otherUses);
    }

    private record Forms(List<String> forms, int otherUses) {
    }

    /** Base, -s, -ed, -ing of a regular verb whose spelling needs no doubling; else null. */
    private static List<String> verbForms(String verb) {
        if (verb.endsWith("o") || verb.endsWith("ie") || verb.endsWith("ee") || verb.endsWith("ye")
                || verb.endsWith("oe") || endsConsonantVowelConsonant(verb) || verb.endsWith("c")) {
            return null;
        }
        String stem = verb.substring(0, verb.length() - 1);
        if (consonantY(verb)) {
            return List.of(verb, stem + "ies", stem + "ied", verb + "ing");
        }
        if (verb.endsWith("e")) {
            return List.of(verb, verb + "s", verb + "d", stem + "ing");
        }
        return List.of(verb, sibilant(verb) ? verb + "es" : verb + "s", verb + "ed", verb + "ing");
    }

    /** WordNet lists irregular forms as exceptions that map to the lemma; any such form makes rules unsafe. */
    private boolean isIrregular(POS pos, String lemma) {
        return irregular(pos).contains(lemma);
    }

    private Set<String> irregular(POS pos) {
        return irregularLemmas.computeIfAbsent(pos, p -> {
            Set<String> lemmas = new java.util.HashSet<>();
            try {
                Iterator<net.sf.extjwnl.data.Exc> exceptions = wordNet.getExceptionIterator(p);
                while (exceptions.hasNext()) {
                    lemmas.addAll(exceptions.next().getExceptions());
                }
            } catch (JWNLException e) {
                throw new IllegalStateException(e);
            }
            return lemmas;
        });
    }

    private static boolean sibilant(String word) {
        return word.endsWith("s") || word.endsWith("x") || word.endsWith("z") || word.endsWith("ch")
                || word.endsWith("sh");
    }

    private static boolean consonantY(String word) {
        return word.endsWith("y") && !isVowel(word.charAt(word.length() - 2));
    }

    private static boolean endsConsonantVowelConsonant(String word) {
        int n = word.length();
        char last = word.charAt(n - 1);
        return !isVowel(last) && "wxy".indexOf(last) < 0 && isVowel(word.charAt(n - 2))
                && !isVowel(word.charAt(n - 3));
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    /** A surface form must name one word of one group: drop every member that shares a form with another. */
    private static List<Group> withoutSharedForms(List<Group> groups) {
        Map<String, Integer> owners = new HashMap<>();
        for (Group group : groups) {
            for (Member member : group.members) {
                for (String form : new java.util.HashSet<>(member.forms)) {
                    owners.merge(form, 1, Integer::sum);
                }
            }
        }
        List<Group> kept = new ArrayList<>();
        for (Group group : groups) {
            List<Member> members = group.members.stream()
                    .filter(m -> m.forms.stream().allMatch(f -> owners.get(f) == 1)
                            && m.forms.stream().distinct().count() == m.forms.size())
                    .toList();
            if (members.size() >= 2) {
                kept.add(new Group(group.pos, members));
            }
        }
        return kept;
    }

    private static void write(List<Group> groups, Path out) throws IOException {
        Map<POS, String> tags = new LinkedHashMap<>();
        tags.put(POS.NOUN, "n");
        tags.put(POS.VERB, "v");
        tags.put(POS.ADJECTIVE, "a");
        tags.put(POS.ADVERB, "r");
        StringBuilder text = new StringBuilder("# Moat's synonym lexicon, derived from WordNet 3.1 by LexiconBuilder\n");
        for (Group group : groups) {
            text.append(tags.get(group.pos));
            if (group.members.stream().anyMatch(Member::guarded)) {
                text.append('!');
            }
            for (Member member : group.members) {
                text.append('\t').append(member.lemma).append(':').append(member.uses).append(':')
                        .append(String.join(",", member.forms));
            }
            text.append('\n');
        }
        REVIEWED.forEach(line -> text.append(line).append('\n'));
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    private record Member(String lemma, int uses, boolean guarded, List<String> forms) {
    }

    private record Group(POS pos, List<Member> members) {
    }
}
