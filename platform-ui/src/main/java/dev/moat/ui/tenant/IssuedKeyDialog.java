package dev.moat.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** Shows a new or rotated key's full text, the only time anyone sees it, with a copy button. */
class IssuedKeyDialog extends Dialog {

    /** @param signingSecret the key's request-signing secret, or {@code null} when there is none to show */
    IssuedKeyDialog(String title, String plainKey, String signingSecret) {
        setHeaderTitle(title);
        add(new Paragraph("Copy this key now: Moat keeps only a hash of it and cannot show it again."),
                copyable("issued-key", "API key", plainKey));
        if (signingSecret != null) {
            add(new Paragraph("Its signing secret, for tenants that require signed requests (X-Moat-Signature):"),
                    copyable("issued-signing-secret", "Signing secret", signingSecret));
        }
        Button done = new Button("I have stored it", click -> close());
        done.setId("close-issued-key");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }

    private static HorizontalLayout copyable(String id, String label, String secret) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setValue(secret);
        field.setReadOnly(true);
        field.setWidth("34em");
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-" + id);
        Clipboard.onClick(copy).writeText(field);
        copy.addClickListener(click -> Notification.show(label + " copied"));
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }
}
