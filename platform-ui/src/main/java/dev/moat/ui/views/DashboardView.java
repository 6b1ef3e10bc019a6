package dev.moat.ui.views;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · Moat")
@Menu(title = "Dashboard", order = 1, icon = "vaadin:dashboard")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class DashboardView extends PlaceholderView {

    public DashboardView() {
        super("Dashboard", "Traffic, detections and open incidents at a glance.");
    }
}
