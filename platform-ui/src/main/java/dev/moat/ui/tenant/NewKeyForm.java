package dev.moat.ui.tenant;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.key.KeyService.NewKey;
import dev.moat.net.Cidr;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Asks for what a new API key may do; hands it out as a {@link CreateEvent} once it is valid. */
public class NewKeyForm extends FormLayout {

    final TextField name = new TextField("Name", "nightly evaluation job");
    final TextField allowedModels = new TextField("Allowed models", "all models");
    final TextField ipAllowList = new TextField("Allowed networks", "any address");
    final DatePicker expires = new DatePicker("Expires");
    final LimitsFields limits = new LimitsFields();
    final Button create = new Button("Create key");

    public NewKeyForm() {
        name.setId("key-name");
        name.setRequired(true);
        allowedModels.setHelperText("Comma-separated; empty for all");
        ipAllowList.setId("key-networks");
        ipAllowList.setHelperText("Comma-separated addresses or CIDRs; empty for any");
        expires.setHelperText("Empty: never");
        expires.setMin(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        create.setId("create-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> submit());
        add(name, allowedModels, ipAllowList, expires);
        limits.all().forEach(this::add);
        add(create);
    }

    private void submit() {
        if (name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage("A key needs a name");
            return;
        }
        List<Cidr> networks;
        try {
            networks = split(ipAllowList.getValue()).stream().map(Cidr::parse).toList();
            ipAllowList.setInvalid(false);
        } catch (DomainRuleViolation e) {
            ipAllowList.setInvalid(true);
            ipAllowList.setErrorMessage(e.getMessage());
            return;
        }
        fireEvent(new CreateEvent(this, new NewKey(name.getValue().strip(), split(allowedModels.getValue()), networks,
                expires.getValue() == null ? null : expires.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(), limits.value())));
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
        return addListener(CreateEvent.class, listener);
    }

    public static class CreateEvent extends ComponentEvent<NewKeyForm> {
        private final NewKey key;

        CreateEvent(NewKeyForm source, NewKey key) {
            super(source, false);
            this.key = key;
        }

        public NewKey key() {
            return key;
        }
    }
}
