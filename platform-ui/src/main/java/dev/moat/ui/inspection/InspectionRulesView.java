package dev.moat.ui.inspection;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.detection.DetectionReporter;
import dev.moat.inspection.Condition;
import dev.moat.inspection.Finding;
import dev.moat.inspection.InspectionService;
import dev.moat.inspection.RequestContext;
import dev.moat.inspection.Rule;
import dev.moat.inspection.RuleDefinition;
import dev.moat.inspection.RuleInfo;
import dev.moat.inspection.RuleService;
import dev.moat.inspection.RuleService.StoredView;
import dev.moat.inspection.Verdict;
import dev.moat.key.KeyService;
import dev.moat.security.CurrentCaller;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inspection rules (the built-in pack and operators' own, which operators author here), and a test bench that
 * shows how the rules in force for a tenant (or for every tenant) judge a request, finding by finding.
 */
@Route(value = "inspection-rules", layout = MainLayout.class)
@PageTitle("Inspection rules · Moat")
@Menu(title = "Inspection rules", order = 5, icon = "vaadin:search")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
public class InspectionRulesView extends VerticalLayout {

    private final InspectionService inspection;
    private final RuleService store;
    private final Grid<RuleRow> rules = new Grid<>();
    private Map<String, String> ruleNames = Map.of();
    private final TextField tenant = new TextField("Tenant");
    private final MultiSelectComboBox<String> onlyRules = new MultiSelectComboBox<>("Only these rules");
    private final TextArea system = new TextArea("System prompt");
    private final TextArea prompt = new TextArea("User prompt");
    private final Checkbox logprobs = new Checkbox("logprobs");
    private final IntegerField topLogprobs = new IntegerField("top_logprobs");
    private final IntegerField samples = new IntegerField("n");
    private final NumberField temperature = new NumberField("temperature");
    private final Span decision = new Span();
    private final Grid<Finding> findings = new Grid<>();

    /** A row of the rules grid: a built-in rule, or a stored one with its tenant, version and state. */
    private record RuleRow(String id, String name, String severity, String mode, String description, String scope,
                           String state, StoredView stored) {

        static RuleRow builtIn(Rule rule) {
            return new RuleRow(rule.id(), rule.info().name(), severityOf(rule.info()), mode(rule.info()),
                    rule.info().description(), "built-in, every tenant", "in force", null);
        }

        static RuleRow stored(StoredView view) {
            var info = view.definition().info();
            return new RuleRow(info.id(), info.name(), severityOf(info), mode(info),
                    info.description().isBlank() ? summary(view.definition()) : info.description(),
                    view.definition().tenantId() == null ? "every tenant" : "tenant " + view.definition().tenantId(),
                    (view.enabled() ? "in force" : "disabled") + ", version " + view.version() + " by "
                            + view.updatedBy(), view);
        }

        private static String summary(RuleDefinition definition) {
            return switch (definition.kind()) {
                case PATTERN -> "pattern " + definition.pattern();
                case PHRASES -> "phrases " + definition.phrases();
                case CONDITIONS -> String.join(" and ", definition.conditions().stream().map(Condition::toString)
                        .toList());
            };
        }

        private static String severityOf(RuleInfo info) {
            return info.severity().name().toLowerCase() + " (+" + info.severity().score + ")";
        }

        private static String mode(RuleInfo info) {
            return info.mode().name().toLowerCase();
        }
    }

    @Inject
    public InspectionRulesView(InspectionService inspection, RuleService store, DetectionReporter detections,
                               KeyService keys, CurrentCaller caller) {
        this.inspection = inspection;
        this.store = store;
        boolean author = caller.principal().roles().contains(PLATFORM_ADMIN)
                || caller.principal().roles().contains(SECURITY_OPERATOR);
        H2 title = new H2("Inspection rules");
        title.setId("view-title");
        rules.setId("inspection-rules");
        rules.addColumn(RuleRow::id).setHeader("Id").setAutoWidth(true).setFlexGrow(0);
        rules.addColumn(RuleRow::name).setHeader("Rule").setAutoWidth(true);
        rules.addColumn(RuleRow::severity).setHeader("Severity").setAutoWidth(true);
        rules.addColumn(RuleRow::mode).setHeader("Mode").setAutoWidth(true);
        rules.addColumn(RuleRow::scope).setHeader("For").setAutoWidth(true);
        rules.addColumn(RuleRow::state).setHeader("State").setAutoWidth(true);
        rules.addColumn(RuleRow::description).setHeader("What it looks for").setFlexGrow(1);
        rules.setAllRowsVisible(true);
        Button create = new Button("New rule", VaadinIcon.PLUS.create(),
                click -> new RuleEditorDialog(store, null, this::refresh).open());
        create.setId("new-rule");
        create.setVisible(author);
        if (author) {
            rules.addItemClickListener(click -> {
                if (click.getItem().stored() != null) {
                    new RuleEditorDialog(store, click.getItem().stored(), this::refresh).open();
                }
            });
        }
        refresh();

        add(title, new Paragraph("Rules add to a request's anomaly score; the score decides: "
                + thresholds() + ". Text is normalized first (NFKC, invisible characters removed, confusable letters "
                + "folded)." + (author ? " Click a stored rule to change or delete it." : "")), create, rules,
                new H3("Test bench"), bench(), new H3("A key's behaviour"),
                new KeyBehaviourPanel(detections, inspection, keys));
    }

    private void refresh() {
        List<RuleRow> rows = new ArrayList<>(inspection.builtIn().stream().map(RuleRow::builtIn).toList());
        store.list(null).forEach(view -> rows.add(RuleRow.stored(view)));
        rules.setItems(rows);
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach(row -> names.put(row.id(), row.id() + " " + row.name()));
        onlyRules.setItems(names.keySet());
        onlyRules.setItemLabelGenerator(id -> names.getOrDefault(id, id));
    }

    private VerticalLayout bench() {
        system.setId("bench-system");
        system.setWidthFull();
        prompt.setId("bench-prompt");
        prompt.setWidthFull();
        prompt.setMinHeight("8em");
        topLogprobs.setMin(0);
        samples.setMin(1);
        Button run = new Button("Inspect", VaadinIcon.SEARCH.create(), click -> run());
        run.setId("bench-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        tenant.setId("bench-tenant");
        tenant.setPlaceholder("every tenant");
        tenant.setHelperText("Runs the rules in force for this tenant");
        onlyRules.setId("bench-rules");
        onlyRules.setPlaceholder("all rules in force");
        onlyRules.setHelperText("Test one rule, or a few");
        topLogprobs.setWidth("8em");
        samples.setWidth("8em");
        temperature.setWidth("8em");
        HorizontalLayout fields = new HorizontalLayout(tenant, onlyRules, logprobs, topLogprobs, samples, temperature,
                run);
        fields.setWrap(true);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        decision.setId("bench-decision");
        findings.setId("bench-findings");
        findings.addColumn(Finding::ruleId).setHeader("Rule").setAutoWidth(true).setFlexGrow(0);
        findings.addColumn(f -> ruleNames.get(f.ruleId())).setHeader("Name").setAutoWidth(true);
        findings.addColumn(f -> f.enforced() ? "+" + f.score() : "monitor only").setHeader("Score").setAutoWidth(true);
        findings.addColumn(Finding::evidence).setHeader("Evidence").setFlexGrow(1);
        findings.setAllRowsVisible(true);
        VerticalLayout bench = new VerticalLayout(system, prompt, fields, decision, findings);
        bench.setPadding(false);
        return bench;
    }

    private void run() {
        List<RequestContext.Message> messages = new ArrayList<>();
        if (!system.getValue().isBlank()) {
            messages.add(new RequestContext.Message("system", system.getValue()));
        }
        messages.add(new RequestContext.Message("user", prompt.getValue()));
        ruleNames = inspection.rules().stream().collect(Collectors.toMap(Rule::id, rule -> rule.info().name()));
        Verdict verdict = inspection.test(tenant.getValue().isBlank() ? null : tenant.getValue().strip(),
                RequestContext.of(null, messages, samples.getValue(), logprobs.getValue(),
                topLogprobs.getValue(), temperature.getValue(), null), onlyRules.getSelectedItems());
        decision.setText("Decision: " + verdict.decision().name().toLowerCase() + " (score " + verdict.score() + ")"
                + (verdict.failedRules().isEmpty() ? "" : "; rules that failed: " + verdict.failedRules()));
        decision.getElement().getThemeList().clear();
        decision.getElement().getThemeList().add(verdict.decision() == Verdict.Decision.ALLOW ? "badge success"
                : "badge error");
        findings.setItems(verdict.findings());
    }

    private static String thresholds() {
        List<String> steps = new ArrayList<>();
        for (Verdict.Decision step : Verdict.Decision.values()) {
            steps.add(step.name().toLowerCase() + " from " + step.threshold);
        }
        return String.join(", ", steps);
    }
}
