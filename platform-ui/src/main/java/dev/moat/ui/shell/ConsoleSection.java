package dev.moat.ui.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.moat.ui.views.AuditLogView;
import dev.moat.ui.views.DashboardView;
import dev.moat.ui.views.GeoPoliciesView;
import dev.moat.ui.views.IncidentsView;
import dev.moat.ui.views.InspectionRulesView;
import dev.moat.ui.views.TenantsView;
import dev.moat.ui.views.WatermarksView;
import java.util.List;

/** A navigation entry of the console; who sees it is decided by the view's {@code @RolesAllowed}. */
record ConsoleSection(String label, Class<? extends Component> view, VaadinIcon icon) {

    /** In menu order. */
    static final List<ConsoleSection> ALL = List.of(
            new ConsoleSection("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD),
            new ConsoleSection("Tenants & keys", TenantsView.class, VaadinIcon.KEY),
            new ConsoleSection("Geo policies", GeoPoliciesView.class, VaadinIcon.GLOBE),
            new ConsoleSection("Inspection rules", InspectionRulesView.class, VaadinIcon.SEARCH),
            new ConsoleSection("Watermarks", WatermarksView.class, VaadinIcon.DROP),
            new ConsoleSection("Incidents", IncidentsView.class, VaadinIcon.EXCLAMATION_CIRCLE),
            new ConsoleSection("Audit log", AuditLogView.class, VaadinIcon.RECORDS));
}
