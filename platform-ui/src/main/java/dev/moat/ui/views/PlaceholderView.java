package dev.moat.ui.views;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** A console page whose capability is not built yet: it says what will live here. */
abstract class PlaceholderView extends VerticalLayout {

    PlaceholderView(String title, String purpose) {
        H2 heading = new H2(title);
        heading.setId("view-title");
        add(heading, new Paragraph(purpose), new Paragraph("This page is not built yet."));
    }
}
