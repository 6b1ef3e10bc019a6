package dev.moat.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.ratelimit.Limits;
import java.util.function.Consumer;

/** Edits the limits of a tenant or a key; the new ones apply from the next request. */
public final class LimitsDialog extends Dialog {

    final LimitsFields fields = new LimitsFields();
    final Button save = new Button("Save limits");

    public LimitsDialog(String title, String explanation, Limits current, Consumer<Limits> onSave) {
        super(title);
        fields.show(current);
        FormLayout form = new FormLayout();
        fields.all().forEach(form::add);
        save.setId("save-limits");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> {
            try {
                onSave.accept(fields.value());
                close();
            } catch (DomainRuleViolation e) {
                fields.requestsPerMinute.setInvalid(true);
                fields.requestsPerMinute.setErrorMessage(e.getMessage());
            }
        });
        add(new Paragraph(explanation), form);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }
}
