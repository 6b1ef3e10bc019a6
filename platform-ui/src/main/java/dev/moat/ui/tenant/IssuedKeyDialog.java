package dev.moat.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** Shows a new or rotated key's full text, the only time anyone sees it, with a copy button. */
class IssuedKeyDialog extends Dialog {

    IssuedKeyDialog(String title, String plainKey) {
        setHeaderTitle(title);
        TextField key = new TextField();
        key.setId("issued-key");
        key.setValue(plainKey);
        key.setReadOnly(true);
        key.setWidth("34em");
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-key");
        Clipboard.onClick(copy).writeText(key);
        copy.addClickListener(click -> Notification.show("Key copied"));
        add(new Paragraph("Copy this key now: Moat keeps only a hash of it and cannot show it again."),
                new HorizontalLayout(key, copy));
        Button done = new Button("I have stored it", click -> close());
        done.setId("close-issued-key");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }
}
