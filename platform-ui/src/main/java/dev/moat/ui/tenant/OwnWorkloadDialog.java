package dev.moat.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.key.ApiKey;
import java.util.function.Consumer;

/**
 * Declares a key its tenant's own workload (or withdraws that): an evaluation harness sweeps over tasks as a
 * distiller does, and only the operators can say whose it is.
 */
final class OwnWorkloadDialog extends Dialog {

    final TextField reason = new TextField("Reason (kept in the audit log)");
    final Button declare = new Button("Declare");
    final Button withdraw = new Button("Withdraw");

    /** {@code onChange} gets the reason, or null to withdraw the declaration. */
    OwnWorkloadDialog(ApiKey key, Consumer<String> onChange) {
        super("Own workload: key " + key.id());
        reason.setId("own-workload-reason");
        reason.setWidthFull();
        reason.setMaxLength(ApiKey.MAX_OWN_WORKLOAD);
        reason.setPlaceholder("the ML team's nightly evaluation harness");
        key.ownWorkload().ifPresent(reason::setValue);
        declare.setId("declare-own-workload");
        declare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        declare.addClickListener(click -> change(onChange, reason.getValue()));
        withdraw.setId("withdraw-own-workload");
        withdraw.setVisible(key.ownWorkload().isPresent());
        withdraw.addClickListener(click -> change(onChange, null));
        add(new Paragraph("A key that runs the tenant's own work over many unrelated tasks (an evaluation harness, "
                + "say) looks like distillation, and behavioural detection reports it so. Declared the tenant's own "
                + "workload, it is still assessed (see its behaviour) but opens no case and joins no campaign, from "
                + "its next request on. Inspection rules still apply. Declare only what the tenant has shown to be "
                + "its own: a declared key that is stolen is not reported."), reason);
        getFooter().add(new Button("Cancel", click -> close()), withdraw, declare);
    }

    private void change(Consumer<String> onChange, String newReason) {
        try {
            onChange.accept(newReason);
            close();
        } catch (DomainRuleViolation e) {
            reason.setInvalid(true);
            reason.setErrorMessage(e.getMessage());
        }
    }
}
