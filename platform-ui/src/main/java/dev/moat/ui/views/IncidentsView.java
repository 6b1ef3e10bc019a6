package dev.moat.ui.views;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "incidents", layout = MainLayout.class)
@PageTitle("Incidents · Moat")
@Menu(title = "Incidents", order = 7, icon = "vaadin:exclamation-circle")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
public class IncidentsView extends PlaceholderView {

    public IncidentsView() {
        super("Incidents", "Cases opened by detections or by operators, with evidence and timeline.");
    }
}
