package dev.moat.ui.incident;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentService.NewIncident;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Asks for what a case an operator opens by hand is about; hands it out as an {@link OpenEvent}. */
public class NewCaseForm extends FormLayout {

    final TextField title = new TextField("Title");
    final Select<Severity> severity = new Select<>();
    final ComboBox<String> tenant = new ComboBox<>("Tenant");
    final TextArea description = new TextArea("Description");
    final TextField keys = new TextField("API keys involved", "key ids, comma-separated");
    final TextField addresses = new TextField("Client addresses or networks", "203.0.113.7, 198.51.100.0/24");
    final Button open = new Button("Open case");

    public NewCaseForm(List<String> tenantIds) {
        title.setId("case-title");
        title.setRequired(true);
        title.setMaxLength(Incident.MAX_TITLE);
        severity.setId("case-severity");
        severity.setLabel("Severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(CaseBadges::label);
        severity.setValue(Severity.MEDIUM);
        tenant.setId("case-tenant");
        tenant.setItems(tenantIds);
        tenant.setHelperText("Empty for a platform-wide case");
        description.setMaxLength(Incident.MAX_TEXT);
        keys.setId("case-keys");
        open.setId("open-case");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.addClickListener(click -> submit());
        add(title, severity, tenant, description, keys, addresses, open);
        setColspan(title, 2);
        setColspan(description, 2);
    }

    private void submit() {
        if (title.getValue().isBlank()) {
            title.setInvalid(true);
            title.setErrorMessage("A case needs a title");
            return;
        }
        List<Observable> observables = new ArrayList<>();
        try {
            split(keys.getValue()).forEach(key -> observables.add(new Observable(Observable.Kind.API_KEY, key)));
            keys.setInvalid(false);
        } catch (DomainRuleViolation e) {
            keys.setInvalid(true);
            keys.setErrorMessage(e.getMessage());
            return;
        }
        try {
            split(addresses.getValue()).forEach(address -> observables.add(new Observable(
                    address.contains("/") ? Observable.Kind.NETWORK : Observable.Kind.CLIENT_ADDRESS, address)));
            addresses.setInvalid(false);
        } catch (DomainRuleViolation e) {
            addresses.setInvalid(true);
            addresses.setErrorMessage(e.getMessage());
            return;
        }
        fireEvent(new OpenEvent(this, new NewIncident(title.getValue().strip(), description.getValue(),
                severity.getValue(), tenant.getValue(), List.of(), observables, null, List.of())));
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Registration addOpenListener(ComponentEventListener<OpenEvent> listener) {
        return addListener(OpenEvent.class, listener);
    }

    public static class OpenEvent extends ComponentEvent<NewCaseForm> {
        private final NewIncident incident;

        OpenEvent(NewCaseForm source, NewIncident incident) {
            super(source, false);
            this.incident = incident;
        }

        public NewIncident incident() {
            return incident;
        }
    }
}
