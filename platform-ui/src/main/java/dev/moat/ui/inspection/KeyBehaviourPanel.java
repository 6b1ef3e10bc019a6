package dev.moat.ui.inspection;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.moat.detection.Assessment;
import dev.moat.detection.DetectionReporter;
import dev.moat.domain.NotFound;
import dev.moat.inspection.InspectionService;
import dev.moat.inspection.Verdict;
import dev.moat.key.KeyId;
import dev.moat.key.KeyService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * How detection sees one API key: the behavioural score with every reason for and against, the features it was
 * measured on, and the key's recent requests judged by the rules as they are now.
 */
class KeyBehaviourPanel extends VerticalLayout {

    private static final int RECENT = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One recent request and what the rules decide about it now. */
    private record Judged(Instant at, String prompt, Verdict verdict) {
    }

    private final DetectionReporter detections;
    private final InspectionService inspection;
    private final KeyService keys;
    private final TextField keyId = new TextField("API key id");
    private final Span score = new Span();
    private final Paragraph features = new Paragraph();
    private final Grid<Assessment.Reason> reasons = new Grid<>();
    private final Grid<Judged> recent = new Grid<>();

    KeyBehaviourPanel(DetectionReporter detections, InspectionService inspection, KeyService keys) {
        this.detections = detections;
        this.inspection = inspection;
        this.keys = keys;
        setPadding(false);
        keyId.setId("behaviour-key");
        keyId.setHelperText("the part between moat_ and the next _ of a key");
        Button explain = new Button("Explain", VaadinIcon.QUESTION_CIRCLE.create(), click -> explain());
        explain.setId("behaviour-explain");
        HorizontalLayout ask = new HorizontalLayout(keyId, explain);
        ask.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        score.setId("behaviour-score");
        features.setId("behaviour-features");
        reasons.setId("behaviour-reasons");
        reasons.addColumn(reason -> (reason.points() > 0 ? "+" : "") + reason.points()).setHeader("Points")
                .setAutoWidth(true).setFlexGrow(0);
        reasons.addColumn(Assessment.Reason::why).setHeader("Why").setFlexGrow(1);
        reasons.setAllRowsVisible(true);
        recent.setId("behaviour-recent");
        recent.addColumn(judged -> TIME.format(judged.at())).setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
        recent.addColumn(judged -> judged.verdict().decision().name().toLowerCase() + " (" + judged.verdict().score()
                + ")").setHeader("Rules now").setAutoWidth(true).setFlexGrow(0);
        recent.addColumn(judged -> String.join(", ", judged.verdict().findings().stream().map(f -> f.ruleId()).toList()))
                .setHeader("Findings").setAutoWidth(true).setFlexGrow(0);
        recent.addColumn(Judged::prompt).setHeader("Prompt (secrets masked)").setFlexGrow(1);
        recent.setAllRowsVisible(true);
        add(new Paragraph("Behavioural detection follows each key's recent requests, in memory since Moat started; "
                + "a key is suspicious from " + Assessment.THRESHOLD + " points. Below them, the key's last requests "
                + "(newest first) as the rules judge them now."), ask, score, reasons, features, recent);
    }

    /** Why the key is declared its tenant's own workload; null when it is not (or is no key). */
    private String declaredOwnWorkload(String id) {
        if (!KeyId.isWellFormed(id)) {
            return null;
        }
        try {
            return keys.find(new KeyId(id)).ownWorkload().orElse(null);
        } catch (NotFound unknown) {
            return null;
        }
    }

    private void explain() {
        String id = keyId.getValue().strip();
        Assessment assessment = detections.behaviourOf(id).orElse(null);
        score.getElement().getThemeList().clear();
        if (assessment == null) {
            score.setText("No inspected request of key '" + id + "' since Moat started.");
            reasons.setItems(List.of());
            features.setText("");
            recent.setItems(List.of());
            return;
        }
        String ownWorkload = declaredOwnWorkload(id);
        score.setText("Score " + assessment.score() + (assessment.suspicious() ? ": suspicious" : ": not suspicious")
                + (ownWorkload == null ? "" : " (declared its tenant's own workload, \"" + ownWorkload
                + "\": no case is opened for it)"));
        score.getElement().getThemeList().add(assessment.suspicious() ? "badge error" : "badge success");
        reasons.setItems(assessment.reasons());
        features.setText("Measured: " + assessment.features().describe() + ".");
        recent.setItems(detections.recentRequestsOf(id, RECENT).reversed().stream()
                .map(seen -> new Judged(seen.at(), DetectionReporter.masked(seen.request().userText()),
                        inspection.test(seen.tenantId(), seen.request(), Set.of()))).toList());
    }
}
