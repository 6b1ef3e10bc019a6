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

@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants & keys · Moat")
@Menu(title = "Tenants & keys", order = 2, icon = "vaadin:key")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class TenantsView extends PlaceholderView {

    public TenantsView() {
        super("Tenants & keys", "Tenants, their upstream model servers, API keys and limits.");
    }
}
