package dev.moat.watermarking;

import dev.moat.domain.Sha256;
import dev.moat.tenant.TenantId;
import dev.moat.watermark.Evidence;
import dev.moat.watermark.InvisibleMark;
import dev.moat.watermark.LexicalKey;
import dev.moat.watermark.Normal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers "did this text come through Moat, and from whom?": scores the suspect text (one or a corpus) against
 * every tenant's every secret version with the lexical detector, reads invisible marks, and looks for answers
 * served with exactly the same text. A p-value is corrected for the number of secrets tried (Bonferroni), so
 * more tenants never mean more false accusations.
 */
@ApplicationScoped
public class WatermarkVerifier {

    /** Fewer scored positions than this cannot support any verdict. */
    static final int MIN_POSITIONS = 10;
    private static final int KNOWN_OUTPUT_ANSWERS = 100_000;

    private final WatermarkService watermarks;
    private final double falsePositiveRate;

    /** For CDI's client proxy only. */
    protected WatermarkVerifier() {
        this(null, 0);
    }

    @Inject
    public WatermarkVerifier(WatermarkService watermarks,
                             @ConfigProperty(name = "moat.watermark.false-positive-rate", defaultValue = "3e-5")
                             double falsePositiveRate) {
        this.watermarks = watermarks;
        this.falsePositiveRate = falsePositiveRate;
    }

    public enum Verdict { WATERMARKED, NOT_FOUND, NOT_ENOUGH_EVIDENCE }

    public record Candidate(String tenantId, int secretVersion, int positions, double matches, double expected,
                            double z, double pValue, double correctedPValue, Verdict verdict) {
    }

    public record Attribution(String tenantId, String keyId, int secretVersion, Instant answeredAt, int texts) {
    }

    public record Verification(Verdict verdict, String explanation, int texts, int positions,
                               double falsePositiveRate, double thresholdZ, boolean knownOutputs,
                               List<Candidate> candidates, List<Attribution> invisibleMarks,
                               List<Attribution> exactCopies) {

        /** One line for a case's evidence (at most 500 characters, as evidence summaries are). */
        public String evidenceSummary() {
            String summary = "Watermark verification: " + verdict + ". " + explanation;
            return summary.length() > 500 ? summary.substring(0, 499) + "…" : summary;
        }

        /** The explanation and every candidate's figures, for a case's evidence. */
        public String evidenceDetail() {
            return candidates.stream().map(c -> String.format(Locale.ROOT,
                    "%s v%d: %d positions, %.0f matches (chance %.1f), z %.2f, p %.1e (corrected %.1e), %s",
                    c.tenantId(), c.secretVersion(), c.positions(), c.matches(), c.expected(), c.z(), c.pValue(),
                    c.correctedPValue(), c.verdict())).collect(Collectors.joining("\n", explanation + "\n", ""));
        }
    }

    /**
     * @param only         limit to one tenant's secrets (a tenant admin's verification)
     * @param knownOutputs score only positions Moat recorded as marked in answers (stronger against a student)
     * @param keyIdsOf     a tenant's key ids, to read invisible marks
     */
    public Verification verify(List<String> texts, Optional<TenantId> only, boolean knownOutputs,
                               Function<TenantId, List<String>> keyIdsOf) {
        return verify(texts, only, knownOutputs, keyIdsOf, done -> { });
    }

    /** The same, telling {@code progress} (0 to 1) as texts are read and secrets tried. */
    public Verification verify(List<String> texts, Optional<TenantId> only, boolean knownOutputs,
                               Function<TenantId, List<String>> keyIdsOf, DoubleConsumer progress) {
        Evidence evidence = Evidence.of(texts, read -> progress.accept(0.5 * read / texts.size()));
        List<WatermarkService.VerificationSecret> secrets = watermarks.verificationSecrets(only);
        List<Candidate> candidates = new ArrayList<>();
        for (WatermarkService.VerificationSecret secret : secrets) {
            progress.accept(0.5 + 0.5 * candidates.size() / secrets.size());
            Set<Integer> known = knownOutputs
                    ? watermarks.knownTags(secret.tenant(), secret.version(), KNOWN_OUTPUT_ANSWERS) : null;
            Evidence.Score score = evidence.score(new LexicalKey(secret.secret(), secret.strength()), known);
            double corrected = Math.min(1, score.pValue() * secrets.size());
            Verdict verdict = score.positions() < MIN_POSITIONS ? Verdict.NOT_ENOUGH_EVIDENCE
                    : corrected <= falsePositiveRate ? Verdict.WATERMARKED : Verdict.NOT_FOUND;
            candidates.add(new Candidate(secret.tenant().value(), secret.version(), score.positions(), score.matches(),
                    score.expected(), score.z(), score.pValue(), corrected, verdict));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::pValue));
        List<Attribution> marks = invisibleMarks(texts, secrets, keyIdsOf);
        List<Attribution> copies = exactCopies(texts, only);
        Verdict verdict = verdict(evidence, candidates, marks, copies);
        return new Verification(verdict, explanation(verdict, evidence, candidates, marks, copies, secrets.size()),
                texts.size(), evidence.positions(), falsePositiveRate, Normal.zFor(falsePositiveRate / Math.max(1,
                secrets.size())), knownOutputs, candidates, marks, copies);
    }

    private Verdict verdict(Evidence evidence, List<Candidate> candidates, List<Attribution> marks,
                            List<Attribution> copies) {
        if (!marks.isEmpty() || !copies.isEmpty()
                || candidates.stream().anyMatch(c -> c.verdict() == Verdict.WATERMARKED)) {
            return Verdict.WATERMARKED;
        }
        return evidence.positions() < MIN_POSITIONS ? Verdict.NOT_ENOUGH_EVIDENCE : Verdict.NOT_FOUND;
    }

    private static List<Attribution> invisibleMarks(List<String> texts, List<WatermarkService.VerificationSecret> secrets,
                                                    Function<TenantId, List<String>> keyIdsOf) {
        Map<String, Attribution> found = new LinkedHashMap<>();
        Map<String, List<String>> keysOfTenant = new LinkedHashMap<>();
        for (String text : texts) {
            byte[] payload = InvisibleMark.decode(text).orElse(null);
            if (payload == null) {
                continue;
            }
            for (WatermarkService.VerificationSecret secret : secrets) {
                if (!MarkPayload.isTenant(payload, secret.tenant().value())) {
                    continue;
                }
                for (String keyId : keysOfTenant.computeIfAbsent(secret.tenant().value(), t -> keyIdsOf.apply(secret.tenant()))) {
                    if (MarkPayload.isKey(payload, keyId, secret.secret(), secret.version())) {
                        found.merge(secret.tenant() + "/" + keyId + "/" + secret.version(),
                                new Attribution(secret.tenant().value(), keyId, secret.version(), null, 1),
                                (a, b) -> new Attribution(a.tenantId(), a.keyId(), a.secretVersion(), null, a.texts() + 1));
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Per tenant, key and version: how many of the texts are verbatim copies of answers served to it. */
    private List<Attribution> exactCopies(List<String> texts, Optional<TenantId> only) {
        Map<String, Attribution> copies = new LinkedHashMap<>();
        for (String text : texts) {
            Map<String, Attribution> ofThisText = new LinkedHashMap<>();
            for (WatermarkRecord record : watermarks.answersWithText(Sha256.hex(text))) {
                if (only.isEmpty() || only.get().value().equals(record.tenantId())) {
                    ofThisText.merge(record.tenantId() + "/" + record.keyId() + "/" + record.keyVersion(),
                            new Attribution(record.tenantId(), record.keyId(), record.keyVersion(), record.answeredAt(), 1),
                            (a, b) -> a.answeredAt().isAfter(b.answeredAt()) ? a : b);
                }
            }
            ofThisText.forEach((key, copy) -> copies.merge(key, copy, (a, b) -> new Attribution(a.tenantId(),
                    a.keyId(), a.secretVersion(), a.answeredAt().isAfter(b.answeredAt()) ? a.answeredAt() : b.answeredAt(),
                    a.texts() + b.texts())));
        }
        return List.copyOf(copies.values());
    }

    private static String explanation(Verdict verdict, Evidence evidence, List<Candidate> candidates,
                                      List<Attribution> marks, List<Attribution> copies, int secretsTried) {
        StringBuilder text = new StringBuilder();
        if (secretsTried == 0) {
            return "No tenant has a watermark secret yet, so there is nothing to compare the text with.";
        }
        Candidate best = candidates.isEmpty() ? null : candidates.getFirst();
        switch (verdict) {
            case NOT_ENOUGH_EVIDENCE -> text.append(String.format(Locale.ROOT, "Not enough evidence: the"
                    + " text has %d word positions where the watermark could choose, and a verdict needs at least %d."
                    + " Short texts and texts in other languages than English cannot be judged; this is no sign that"
                    + " the text is clean.", evidence.positions(), MIN_POSITIONS));
            case NOT_FOUND -> text.append(String.format(Locale.ROOT, "No watermark found: over %d positions"
                    + " no tenant's secret's word choices stand out from the text's own preferences (best: %s, z ="
                    + " %.2f).",
                    evidence.positions(), best == null ? "none" : best.tenantId() + " v" + best.secretVersion(),
                    best == null ? 0 : best.z()));
            case WATERMARKED -> {
                if (best != null && best.verdict() == Verdict.WATERMARKED) {
                    text.append(String.format(Locale.ROOT, "The word choices match tenant %s's secret"
                            + " (version %d): it wrote the secret's word at %.0f of %d positions, where chance would"
                            + " give %.0f, more than the text's own preferences explain: z = %.2f, p = %.1e"
                            + " (%.1e after correcting for the %d secrets tried).", best.tenantId(),
                            best.secretVersion(), best.matches(), best.positions(), best.expected(), best.z(),
                            best.pValue(), best.correctedPValue(), secretsTried));
                }
                if (!marks.isEmpty()) {
                    Attribution mark = marks.getFirst();
                    text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT,
                            "An invisible mark names key %s of tenant %s (secret version %d) in %d text(s).",
                            mark.keyId(), mark.tenantId(), mark.secretVersion(), mark.texts()));
                }
                if (!copies.isEmpty()) {
                    Attribution copy = copies.getFirst();
                    text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT,
                            "%d text(s) are verbatim copies of answers Moat served to key %s of tenant %s (the latest"
                                    + " at %s).", copy.texts(), copy.keyId(), copy.tenantId(), copy.answeredAt()));
                }
            }
        }
        return text.toString();
    }
}
