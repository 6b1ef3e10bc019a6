package dev.moat.ui.views;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "audit-log", layout = MainLayout.class)
@PageTitle("Audit log · Moat")
@Menu(title = "Audit log", order = 9, icon = "vaadin:records")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
public class AuditLogView extends PlaceholderView {

    public AuditLogView() {
        super("Audit log", "Every change made in Moat, by whom and when, tamper-evident.");
    }
}
