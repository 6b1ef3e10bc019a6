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

@Route(value = "geo-policies", layout = MainLayout.class)
@PageTitle("Geo policies · Moat")
@Menu(title = "Geo policies", order = 3, icon = "vaadin:globe")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class GeoPoliciesView extends PlaceholderView {

    public GeoPoliciesView() {
        super("Geo policies", "Where each tenant's keys may be used from: countries, networks and impossible travel.");
    }
}
