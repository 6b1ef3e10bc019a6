package dev.moat.ui.tenant;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

/** Asks for a new tenant's id, name and upstream; hands them out as a {@link SaveEvent}. */
public class NewTenantForm extends FormLayout {

    final TextField id = new TextField("Id", "acme-research");
    final TextField name = new TextField("Name", "Acme Research");
    final TextField upstreamBaseUrl = new TextField("Upstream base URL", "http://vllm.internal:8000/v1");
    final Button save = new Button("Create tenant");

    public NewTenantForm() {
        id.setId("tenant-id");
        id.setHelperText("Lower-case letters, digits and hyphens; never changes");
        id.setRequired(true);
        name.setId("tenant-name");
        name.setRequired(true);
        upstreamBaseUrl.setId("tenant-upstream");
        upstreamBaseUrl.setHelperText("The OpenAI-compatible server, with its /v1");
        upstreamBaseUrl.setRequired(true);
        save.setId("create-tenant");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> fireEvent(new SaveEvent(this, id.getValue().strip(), name.getValue().strip(),
                upstreamBaseUrl.getValue().strip())));
        add(id, name, upstreamBaseUrl, save);
    }

    /** Shows why the service refused the tenant. */
    public void showError(String message) {
        id.setInvalid(true);
        id.setErrorMessage(message);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public static class SaveEvent extends ComponentEvent<NewTenantForm> {
        private final String id;
        private final String name;
        private final String upstreamBaseUrl;

        SaveEvent(NewTenantForm source, String id, String name, String upstreamBaseUrl) {
            super(source, false);
            this.id = id;
            this.name = name;
            this.upstreamBaseUrl = upstreamBaseUrl;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String upstreamBaseUrl() {
            return upstreamBaseUrl;
        }
    }
}
