package dev.moat.ui.incident;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentRepository.IncidentQuery;
import dev.moat.incident.IncidentService;
import dev.moat.incident.IncidentStatus;
import dev.moat.incident.Severity;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.TenantService;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The case queue: filters, SLA at a glance, bulk assignment and closing, and new cases opened by hand. */
@Route(value = "incidents", layout = MainLayout.class)
@PageTitle("Incidents · Moat")
@Menu(title = "Incidents", order = 7, icon = "vaadin:exclamation-circle")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class IncidentsView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int SHOWN = 500;
    private static final String OPEN = "open";
    private static final String ANY = "any";

    private final IncidentService incidents;
    private final TenantService tenants;
    private final Clock clock;
    private final MoatPrincipal caller;
    private final Select<String> status = new Select<>();
    private final Select<String> severity = new Select<>();
    private final Checkbox mine = new Checkbox("Assigned to me");
    private final Grid<Incident> queue = new Grid<>();

    @Inject
    public IncidentsView(IncidentService incidents, TenantService tenants, CurrentCaller currentCaller, Clock clock) {
        this.incidents = incidents;
        this.tenants = tenants;
        this.clock = clock;
        this.caller = currentCaller.principal();
        boolean operator = caller.roles().contains(PLATFORM_ADMIN) || caller.roles().contains(SECURITY_OPERATOR);

        H2 title = new H2("Incidents");
        title.setId("view-title");
        status.setId("queue-status");
        status.setLabel("Status");
        status.setItems(listOf(OPEN, ANY, IncidentStatus.values()));
        status.setValue(OPEN);
        severity.setId("queue-severity");
        severity.setLabel("Severity");
        severity.setItems(listOf(ANY, null, Severity.values()));
        severity.setValue(ANY);
        status.addValueChangeListener(change -> refresh());
        severity.addValueChangeListener(change -> refresh());
        mine.addValueChangeListener(change -> refresh());
        HorizontalLayout filters = new HorizontalLayout(status, severity, mine);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        queue.setId("incident-queue");
        queue.addColumn(i -> i.id().toString()).setHeader("Case").setAutoWidth(true).setFlexGrow(0);
        queue.addColumn(Incident::title).setHeader("Title").setFlexGrow(1);
        queue.addComponentColumn(i -> CaseBadges.severity(i.severity())).setHeader("Severity").setAutoWidth(true)
                .setComparator(Incident::severity);
        queue.addComponentColumn(i -> CaseBadges.status(i.status())).setHeader("Status").setAutoWidth(true);
        queue.addComponentColumn(i -> CaseBadges.sla(i, clock.instant())).setHeader("SLA").setAutoWidth(true)
                .setComparator(Incident::dueAt);
        queue.addColumn(i -> i.tenantId() == null ? "all" : i.tenantId()).setHeader("Tenant").setAutoWidth(true);
        queue.addColumn(i -> i.assignee() == null ? "" : i.assignee()).setHeader("Assignee").setAutoWidth(true);
        queue.addColumn(i -> WHEN.format(i.updatedAt())).setHeader("Updated (UTC)").setAutoWidth(true)
                .setComparator(Incident::updatedAt);
        queue.addItemClickListener(click -> queue.getUI().ifPresent(ui -> ui.navigate(CaseView.class, click.getItem().id().toString())));

        HorizontalLayout header = new HorizontalLayout(title);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (operator) {
            queue.setSelectionMode(Grid.SelectionMode.MULTI);
            Button newCase = new Button("New case", VaadinIcon.PLUS.create(), click -> openNewCase());
            newCase.setId("new-case");
            newCase.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(newCase);
        }
        add(header, filters);
        if (operator) {
            add(bulkActions());
        }
        add(queue);
        setSizeFull();
        refresh();
    }

    private HorizontalLayout bulkActions() {
        TextField assignee = new TextField();
        assignee.setId("bulk-assignee");
        assignee.setPlaceholder("user name");
        Button assign = new Button("Assign selected", click -> bulk("Assign", () -> {
            incidents.assignAll(selected(), assignee.getValue());
        }));
        assign.setId("bulk-assign");
        Button close = new Button("Close selected", click -> {
            ConfirmDialog confirm = new ConfirmDialog("Close " + queue.getSelectedItems().size() + " cases?",
                    "Open cases are resolved first; each change goes on its case's timeline.", "Close",
                    confirmed -> bulk("Close", () -> incidents.closeAll(selected())));
            confirm.setCancelable(true);
            confirm.open();
        });
        close.setId("bulk-close");
        HorizontalLayout actions = new HorizontalLayout(assignee, assign, close);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return actions;
    }

    private List<IncidentId> selected() {
        return queue.getSelectedItems().stream().map(Incident::id).toList();
    }

    private void bulk(String action, Runnable change) {
        if (queue.getSelectedItems().isEmpty()) {
            Notification.show("Select cases first");
            return;
        }
        try {
            change.run();
            Notification.show(action + ": " + queue.getSelectedItems().size() + " cases done")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (RuntimeException e) { // a case changed meanwhile, or was not visible: nothing was changed
            Notification.show(action + " failed, nothing changed: " + e.getMessage())
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        queue.deselectAll();
        refresh();
    }

    private void refresh() {
        Set<IncidentStatus> statuses = switch (status.getValue()) {
            case OPEN -> EnumSet.copyOf(Arrays.stream(IncidentStatus.values()).filter(IncidentStatus::isOpen).toList());
            case ANY -> Set.of();
            default -> Set.of(IncidentStatus.valueOf(status.getValue().toUpperCase()));
        };
        Severity wanted = ANY.equals(severity.getValue()) ? null : Severity.valueOf(severity.getValue().toUpperCase());
        List<Incident> shown = incidents.list(new IncidentQuery(null, statuses, wanted, null, null, null, null, SHOWN));
        queue.setItems(mine.getValue() ? shown.stream().filter(i -> caller.userName().equals(i.assignee())).toList() : shown);
    }

    private void openNewCase() {
        Dialog dialog = new Dialog("New case");
        NewCaseForm form = new NewCaseForm(tenants.list().stream().map(t -> t.id().value()).toList());
        form.addOpenListener(open -> {
            try {
                Incident opened = incidents.open(open.incident(), null, null);
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(CaseView.class, opened.id().toString()));
            } catch (DomainRuleViolation e) {
                Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.add(form);
        dialog.open();
    }

    private static List<String> listOf(String first, String second, Enum<?>[] values) {
        List<String> items = new ArrayList<>();
        items.add(first);
        if (second != null) {
            items.add(second);
        }
        Arrays.stream(values).map(CaseBadges::label).forEach(items::add);
        return items;
    }
}
