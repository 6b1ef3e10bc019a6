package dev.moat.ui.shell;

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

/** Shows secrets that Moat reveals only once, each with a copy button; it closes only when the user says so. */
public class ShownOnceDialog extends Dialog {

    public ShownOnceDialog(String title, String closeButtonId) {
        setHeaderTitle(title);
        Button done = new Button("I have stored it", click -> close());
        done.setId(closeButtonId);
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }

    public ShownOnceDialog withSecret(String explanation, String fieldId, String label, String secret) {
        TextField field = new TextField(label);
        field.setId(fieldId);
        field.setValue(secret);
        field.setReadOnly(true);
        field.setWidth("34em");
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-" + fieldId);
        Clipboard.onClick(copy).writeText(field);
        copy.addClickListener(click -> Notification.show(label + " copied"));
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setAlignItems(Alignment.BASELINE);
        add(new Paragraph(explanation), row);
        return this;
    }
}
