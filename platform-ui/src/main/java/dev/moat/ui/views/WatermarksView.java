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

@Route(value = "watermarks", layout = MainLayout.class)
@PageTitle("Watermarks · Moat")
@Menu(title = "Watermarks", order = 6, icon = "vaadin:drop")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class WatermarksView extends PlaceholderView {

    public WatermarksView() {
        super("Watermarks", "Response watermarking per tenant, and verification of suspect text.");
    }
}
