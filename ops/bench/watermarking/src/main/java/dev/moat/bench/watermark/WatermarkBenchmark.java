package dev.moat.bench.watermark;

import dev.moat.watermark.Evidence;
import dev.moat.watermark.InvisibleMark;
import dev.moat.watermark.LexicalKey;
import dev.moat.watermark.Normal;
import dev.moat.watermark.Watermarker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints how Moat's watermarks fare on real LLM answers (see ops/bench/watermark). Settings: MOAT_DATASETS
 * (../shared/datasets), WM_SEED (7), WM_STUDENT_TOKENS (20000).
 */
public final class WatermarkBenchmark {

    /** The operating threshold: z ≥ 4, p ≤ 3.2e-5. */
    private static final double THRESHOLD_Z = 4;
    private static final int STUDENT_KEYS = 15;
    private static final Pattern PROTECTED = Pattern.compile("```.*?```|`[^`]*`|https?://\\S+|\\b\\d[\\d.,:/-]*",
            Pattern.DOTALL);

    private final Corpus corpus;
    private final Random random;
    private final byte[] secret = new byte[32];

    private WatermarkBenchmark(Corpus corpus, long seed) {
        this.corpus = corpus;
        this.random = new Random(seed);
        random.nextBytes(secret);
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(System.getenv().getOrDefault("MOAT_DATASETS", "../shared/datasets"));
        if (!Files.isDirectory(datasets)) {
            System.err.println("[watermark] no datasets at " + datasets.toAbsolutePath() + " (set MOAT_DATASETS)");
            System.exit(2);
        }
        long seed = Long.parseLong(System.getenv().getOrDefault("WM_SEED", "7"));
        int studentTokens = Integer.parseInt(System.getenv().getOrDefault("WM_STUDENT_TOKENS", "20000"));
        WatermarkBenchmark bench = new WatermarkBenchmark(Corpus.load(datasets), seed);
        bench.run(studentTokens);
    }

    private LexicalKey key() {
        return new LexicalKey(secret, 1.0);
    }

    private String mark(String text) {
        return new Watermarker(key(), null).mark(text);
    }

    private void run(int studentTokens) {
        List<String> answers = corpus.all();
        long words = answers.stream().mapToLong(Corpus::words).sum();
        System.out.printf(Locale.ROOT, "# Watermark benchmark: %d answers (%d text-davinci-003, %d hh-rlhf assistant"
                + " turns), %,d words%n%n", answers.size(), corpus.davinci().size(), corpus.assistant().size(), words);
        List<String> marked = answers.stream().map(this::mark).toList();
        detectionByLength(answers, marked);
        falsePositives(answers);
        changes(answers, marked);
        robustness(answers);
        distillation(answers, studentTokens);
        throughput(answers);
        invisibleMark(answers);
    }

    /** Suspect documents of a given length, cut from consecutive answers. */
    private static List<String> documents(List<String> answers, int length) {
        List<String> documents = new ArrayList<>();
        StringBuilder document = new StringBuilder();
        int words = 0;
        for (String answer : answers) {
            for (String token : answer.split("(?<=\\s)")) {
                document.append(token);
                if (!token.isBlank()) {
                    words++;
                }
                if (words == length) {
                    documents.add(document.toString());
                    document.setLength(0);
                    words = 0;
                }
            }
            document.append("\n\n");
        }
        return documents;
    }

    private void detectionByLength(List<String> answers, List<String> marked) {
        System.out.println("## Lexical watermark: detection against text length (watermarked answers, one key)");
        System.out.println();
        System.out.println("| words | documents | positions (median) | median z | detected at z ≥ 4 | clean: max z | clean: z ≥ 4 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        LexicalKey key = key();
        for (int length : new int[] {100, 200, 400, 800, 1600, 3200, 6400}) {
            List<String> markedDocs = documents(marked, length);
            List<String> cleanDocs = documents(answers, length);
            double[] z = new double[markedDocs.size()];
            int[] positions = new int[markedDocs.size()];
            int detected = 0;
            for (int i = 0; i < markedDocs.size(); i++) {
                Evidence.Score score = Evidence.of(markedDocs.get(i)).score(key, null);
                z[i] = score.z();
                positions[i] = score.positions();
                detected += score.z() >= THRESHOLD_Z ? 1 : 0;
            }
            double cleanMax = Double.NEGATIVE_INFINITY;
            int cleanHits = 0;
            for (String doc : cleanDocs) {
                double cz = Evidence.of(doc).score(key, null).z();
                cleanMax = Math.max(cleanMax, cz);
                cleanHits += cz >= THRESHOLD_Z ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.2f | %.1f%% | %.2f | %d of %d |%n", length,
                    markedDocs.size(), median(positions), median(z), 100.0 * detected / markedDocs.size(), cleanMax,
                    cleanHits, cleanDocs.size());
        }
        System.out.println();
    }

    private void falsePositives(List<String> answers) {
        List<String> documents = new ArrayList<>(answers);
        documents.addAll(documents(answers, 400));
        documents.addAll(documents(answers, 1600));
        int keys = 20;
        long tests = 0;
        long hits = 0;
        double maxZ = Double.NEGATIVE_INFINITY;
        List<Evidence> evidence = documents.stream().map(Evidence::of).toList();
        for (int k = 0; k < keys; k++) {
            byte[] other = new byte[32];
            random.nextBytes(other);
            LexicalKey key = new LexicalKey(other, 1.0);
            for (Evidence e : evidence) {
                if (e.positions() == 0) {
                    continue;
                }
                double z = e.score(key, null).z();
                tests++;
                hits += z >= THRESHOLD_Z ? 1 : 0;
                maxZ = Math.max(maxZ, z);
            }
        }
        System.out.println("## False positives (unwatermarked texts, random keys)");
        System.out.println();
        System.out.printf(Locale.ROOT, "%,d tests (%d texts with a scored position: single answers and 400- and"
                + " 1,600-word documents, × %d keys): %d at z ≥ 4 (%.4f%%); highest z %.2f%n%n", tests,
                tests / keys, keys, hits, 100.0 * hits / Math.max(1, tests), maxZ);
    }

    private void changes(List<String> answers, List<String> marked) {
        long words = 0;
        long changed = 0;
        long protectedSpans = 0;
        long protectedIntact = 0;
        for (int i = 0; i < answers.size(); i++) {
            String[] before = answers.get(i).split("\\s+");
            String[] after = marked.get(i).split("\\s+");
            words += before.length;
            changed += before.length - longestCommonSubsequence(before, after);
            List<String> spans = protectedSpans(answers.get(i));
            List<String> kept = protectedSpans(marked.get(i));
            protectedSpans += spans.size();
            protectedIntact += spans.equals(kept) ? spans.size() : 0;
        }
        System.out.println("## What the lexical watermark changes");
        System.out.println();
        System.out.printf(Locale.ROOT, "%,d of %,d words changed (%.2f%%); code blocks, inline code, URLs and numbers:"
                + " %,d of %,d byte-identical%n%n", changed, words, 100.0 * changed / words, protectedIntact,
                protectedSpans);
    }

    /** Words two texts share in order: a contraction written out ("don't" → "do not") changes one word. */
    private static int longestCommonSubsequence(String[] a, String[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (String word : a) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = word.equals(b[j - 1]) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    private static List<String> protectedSpans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = PROTECTED.matcher(text);
        while (m.find()) {
            spans.add(m.group());
        }
        return spans;
    }

    private void robustness(List<String> answers) {
        System.out.println("## Robustness: words replaced at random after watermarking (1,600-word documents)");
        System.out.println();
        System.out.println("| replaced | median z | detected at z ≥ 4 |");
        System.out.println("| --- | --- | --- |");
        List<String> vocabulary = new ArrayList<>(new HashSet<>(Arrays.asList(String.join(" ", answers).split("\\s+"))));
        vocabulary.sort(null);
        List<String> documents = documents(answers.stream().map(this::mark).toList(), 1600);
        LexicalKey key = key();
        for (double share : new double[] {0, 0.1, 0.2}) {
            double[] z = new double[documents.size()];
            int detected = 0;
            for (int d = 0; d < documents.size(); d++) {
                String[] tokens = documents.get(d).split(" ");
                for (int t = 0; t < tokens.length; t++) {
                    if (random.nextDouble() < share) {
                        tokens[t] = vocabulary.get(random.nextInt(vocabulary.size()));
                    }
                }
                z[d] = Evidence.of(String.join(" ", tokens)).score(key, null).z();
                detected += z[d] >= THRESHOLD_Z ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %.0f%% | %.2f | %.1f%% |%n", share * 100, median(z),
                    100.0 * detected / documents.size());
        }
        System.out.println();
    }

    /**
     * One student's z varies a lot with the key and the sample (0% watermarked gave z up to 1.2), so each share
     * is measured with {@value #STUDENT_KEYS} keys and the median reported, with the lowest and highest.
     */
    private void distillation(List<String> answers, int tokens) {
        System.out.printf(Locale.ROOT, "## Distillation: a trigram student trained on all answers, a share of them"
                + " watermarked; %,d generated tokens verified; median of %d keys (lowest to highest)%n%n", tokens,
                STUDENT_KEYS);
        System.out.println("| watermarked share | positions | z | p at the median z | z (known outputs) | p (known outputs) |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (double share : new double[] {1.0, 0.25, 0.10, 0.05, 0.01, 0.0}) {
            double[] z = new double[STUDENT_KEYS];
            double[] knownZ = new double[STUDENT_KEYS];
            int[] positions = new int[STUDENT_KEYS];
            for (int k = 0; k < STUDENT_KEYS; k++) {
                byte[] studentSecret = new byte[32];
                new Random(random.nextLong()).nextBytes(studentSecret);
                LexicalKey key = new LexicalKey(studentSecret, 1.0);
                List<String> training = new ArrayList<>();
                Set<Integer> knownTags = new HashSet<>();
                Random pick = new Random(11 + k);
                for (String answer : answers) {
                    if (pick.nextDouble() < share) {
                        Watermarker marker = new Watermarker(key, null);
                        training.add(marker.mark(answer));
                        for (int tag : Watermarker.Fingerprint.tags(marker.fingerprint().positionTags())) {
                            knownTags.add(tag);
                        }
                    } else {
                        training.add(answer);
                    }
                }
                String generated = new NGramStudent(training).generate(tokens, new Random(13 + k));
                Evidence evidence = Evidence.of(generated);
                Evidence.Score all = evidence.score(key, null);
                positions[k] = all.positions();
                z[k] = all.z();
                knownZ[k] = evidence.score(key, knownTags).z();
            }
            double medianZ = median(z);
            double medianKnownZ = median(knownZ);
            System.out.printf(Locale.ROOT, "| %.0f%% | %d | %.2f (%.2f to %.2f) | %.1e | %.2f (%.2f to %.2f) | %.1e |%n",
                    share * 100, median(positions), medianZ, min(z), max(z), Normal.upperTail(medianZ), medianKnownZ,
                    min(knownZ), max(knownZ), Normal.upperTail(medianKnownZ));
        }
        System.out.println();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private void throughput(List<String> answers) {
        String text = String.join("\n\n", answers);
        double megabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        Runnable marking = () -> mark(text);
        Runnable verifying = () -> Evidence.of(text).score(key(), null);
        System.out.println("## Throughput (one thread, per second of its CPU time; median of 7 runs of at least a CPU second"
                + " each, after warm-up)");
        System.out.println();
        System.out.printf(Locale.ROOT, "watermarking %.1f MB/s, verification (one key) %.1f MB/s, over %.1f MB%n%n",
                megabytes / secondsPerRound(marking), megabytes / secondsPerRound(verifying), megabytes);
    }

    /**
     * CPU seconds of this thread per round, as "MB/s on one core" means: on a virtual machine the wall clock also
     * counts the time the host gives the core to others (steal time).
     */
    private static double secondsPerRound(Runnable round) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUntil = threads.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (threads.getCurrentThreadCpuTime() < warmUntil) {
            round.run();
        }
        double[] perRound = new double[7];
        for (int trial = 0; trial < perRound.length; trial++) {
            int rounds = 0;
            long start = threads.getCurrentThreadCpuTime();
            long elapsed;
            do {
                round.run();
                rounds++;
                elapsed = threads.getCurrentThreadCpuTime() - start;
            } while (elapsed < 1_000_000_000L);
            perRound[trial] = elapsed / 1e9 / rounds;
        }
        return median(perRound);
    }

    private void invisibleMark(List<String> answers) {
        byte[] payload = {1, 2, 3, 4, 5, 6};
        int found = 0;
        int long_ = 0;
        for (String answer : answers) {
            if (Corpus.words(answer) < 2) {
                continue;
            }
            long_++;
            String marked = new Watermarker(null, payload).mark(answer);
            found += InvisibleMark.decode(marked).filter(p -> Arrays.equals(p, payload)).isPresent() ? 1 : 0;
        }
        System.out.println("## Invisible mark");
        System.out.println();
        System.out.printf(Locale.ROOT, "payload read back from %d of %d verbatim answers of two words or more%n%n",
                found, long_);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static int median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
