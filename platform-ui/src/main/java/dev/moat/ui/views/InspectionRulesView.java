package dev.moat.ui.views;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "inspection-rules", layout = MainLayout.class)
@PageTitle("Inspection rules · Moat")
@Menu(title = "Inspection rules", order = 5, icon = "vaadin:search")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
public class InspectionRulesView extends PlaceholderView {

    public InspectionRulesView() {
        super("Inspection rules", "Query inspection rules and the distillation detectors, with a test bench.");
    }
}
