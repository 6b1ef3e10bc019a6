package dev.moat.ui.inspection;

import static dev.moat.domain.JsonOnce.JSON;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.StaleVersion;
import dev.moat.inspection.Condition;
import dev.moat.inspection.PatternRule;
import dev.moat.inspection.Rule;
import dev.moat.inspection.RuleDefinition;
import dev.moat.inspection.RuleService;
import dev.moat.inspection.RuleService.StoredView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Authoring one stored rule: a pattern, a list of phrases (one a line) or conditions (one a line, such as
 * {@code top_logprobs >= 5}). The store checks the rule by compiling it; what it refuses is shown on the field.
 */
class RuleEditorDialog extends Dialog {

    private final RuleService store;
    private final StoredView existing;
    private final Runnable saved;
    private final TextField name = new TextField("Name");
    private final TextField description = new TextField("Description");
    private final TextField tenant = new TextField("Tenant", "every tenant");
    private final Select<String> kind = new Select<>();
    private final Select<String> target = new Select<>();
    private final TextArea definition = new TextArea();
    private final IntegerField minimumHits = new IntegerField("Phrases needed");
    private final Select<String> severity = new Select<>();
    private final Select<String> mode = new Select<>();
    private final Checkbox enabled = new Checkbox("Enabled", true);

    RuleEditorDialog(RuleService store, StoredView existing, Runnable saved) {
        super(existing == null ? "New rule" : "Rule " + existing.definition().info().id() + " (version "
                + existing.version() + ")");
        this.store = store;
        this.existing = existing;
        this.saved = saved;
        name.setId("rule-name");
        tenant.setId("rule-tenant");
        tenant.setHelperText("A tenant id, or empty for every tenant");
        kind.setId("rule-kind");
        kind.setLabel("Kind");
        kind.setItems(names(RuleDefinition.Kind.class));
        kind.addValueChangeListener(change -> showKind(change.getValue()));
        target.setLabel("Looks at");
        target.setItems(names(PatternRule.Target.class));
        target.setValue("user_text");
        definition.setId("rule-definition");
        definition.setWidthFull();
        definition.setMinHeight("6em");
        minimumHits.setMin(1);
        minimumHits.setValue(1);
        severity.setId("rule-severity");
        severity.setLabel("Severity");
        severity.setItems(names(Rule.Severity.class));
        severity.setItemLabelGenerator(level -> level + " (+" + Rule.Severity.valueOf(level.toUpperCase(Locale.ROOT))
                .score + ")");
        severity.setValue("warning");
        mode.setLabel("Mode");
        mode.setItems(names(Rule.Mode.class));
        mode.setValue("enforce");
        kind.setValue("phrases");
        if (existing != null) {
            fill(existing);
        }
        FormLayout form = new FormLayout(name, tenant, kind, target, minimumHits, severity, mode, enabled, description,
                definition);
        form.setColspan(definition, 2);
        form.setColspan(description, 2);
        add(form);
        Button save = new Button("Save", click -> save());
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()));
        if (existing != null) {
            Button delete = new Button("Delete", click -> confirmDelete());
            delete.setId("rule-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            getFooter().add(delete);
        }
        getFooter().add(save);
        setWidth("44em");
    }

    /** An enum's constants as the rules' JSON names them. */
    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(value -> value.name().toLowerCase(Locale.ROOT)).toList();
    }

    private void showKind(String chosen) {
        target.setVisible("pattern".equals(chosen));
        minimumHits.setVisible("phrases".equals(chosen));
        switch (chosen) {
            case "pattern" -> {
                definition.setLabel("Pattern");
                definition.setHelperText("RE2/J syntax (linear time), on the normalized text, e.g. (?i)as\\s+jsonl");
            }
            case "conditions" -> {
                definition.setLabel("Conditions, one a line; all must hold");
                definition.setHelperText("field operator value, e.g. top_logprobs >= 5. Fields: " + Arrays.stream(
                        Condition.Field.values()).map(Condition.Field::jsonName).toList() + "; operators: "
                        + Arrays.stream(Condition.Operator.values()).map(Condition.Operator::symbol).toList());
            }
            default -> {
                definition.setLabel("Phrases, one a line");
                definition.setHelperText("Matched as whole words on the normalized text, in one pass");
            }
        }
    }

    private void fill(StoredView rule) {
        RuleDefinition def = rule.definition();
        name.setValue(def.info().name());
        description.setValue(def.info().description());
        tenant.setValue(def.tenantId() == null ? "" : def.tenantId());
        tenant.setReadOnly(true);
        kind.setValue(def.kind().name().toLowerCase(Locale.ROOT));
        severity.setValue(def.info().severity().name().toLowerCase(Locale.ROOT));
        mode.setValue(def.info().mode().name().toLowerCase(Locale.ROOT));
        enabled.setValue(rule.enabled());
        switch (def.kind()) {
            case PATTERN -> {
                definition.setValue(def.pattern());
                target.setValue(def.target() == null ? "all_text" : def.target().name().toLowerCase(Locale.ROOT));
            }
            case PHRASES -> {
                definition.setValue(String.join("\n", def.phrases()));
                minimumHits.setValue(def.minimumHits());
            }
            case CONDITIONS -> definition.setValue(String.join("\n", def.conditions().stream()
                    .map(Condition::toString).toList()));
        }
    }

    private void save() {
        try {
            StoredView stored = existing == null ? store.create(json().build())
                    : store.update(existing.definition().info().id(), existing.version(), json().build());
            Notification.show("Rule " + stored.definition().info().id() + " saved (version " + stored.version()
                    + "); in force from the next request");
            close();
            saved.run();
        } catch (DomainRuleViolation e) {
            definition.setInvalid(true);
            definition.setErrorMessage(e.getMessage());
        } catch (StaleVersion e) {
            Notification.show(e.getMessage());
            close();
            saved.run();
        }
    }

    private JsonObjectBuilder json() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", name.getValue())
                .add("description", description.getValue()).add("kind", kind.getValue())
                .add("severity", severity.getValue()).add("mode", mode.getValue()).add("enabled", enabled.getValue());
        if (!tenant.getValue().isBlank()) {
            json.add("tenantId", tenant.getValue().strip());
        }
        List<String> lines = definition.getValue().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        switch (kind.getValue()) {
            case "pattern" -> json.add("pattern", definition.getValue().strip()).add("target", target.getValue());
            case "conditions" -> {
                JsonArrayBuilder conditions = JSON.createArrayBuilder();
                for (String line : lines) {
                    String[] parts = line.split("\\s+", 3);
                    if (parts.length < 3) {
                        throw new DomainRuleViolation("a condition is 'field operator value', got '" + line + "'");
                    }
                    conditions.add(JSON.createObjectBuilder().add("field", parts[0]).add("operator", parts[1])
                            .add("value", parts[2]));
                }
                json.add("conditions", conditions);
            }
            default -> json.add("phrases", JSON.createArrayBuilder(lines))
                    .add("minimumHits", minimumHits.getValue() == null ? 1 : minimumHits.getValue());
        }
        return json;
    }

    private void confirmDelete() {
        String id = existing.definition().info().id();
        ConfirmDialog confirm = new ConfirmDialog("Delete rule " + id + "?", "It is out of force from the next "
                + "request; its versions stay in the history and the audit log.", "Delete", confirmed -> {
                    try {
                        store.delete(id, existing.version());
                        Notification.show("Rule " + id + " deleted");
                    } catch (StaleVersion e) {
                        Notification.show(e.getMessage());
                    }
                    close();
                    saved.run();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }
}
