package dev.moat.ui.audit;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.audit.AuditChainCheck;
import dev.moat.audit.AuditEntry;
import dev.moat.audit.AuditRepository.AuditQuery;
import dev.moat.audit.AuditService;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Every administrative change, newest first, with its before and after, and a check of the hash chain. */
@Route(value = "audit-log", layout = MainLayout.class)
@PageTitle("Audit log · Moat")
@Menu(title = "Audit log", order = 10, icon = "vaadin:records")
@RolesAllowed({PLATFORM_ADMIN, AUDITOR})
public class AuditLogView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int SHOWN = 500;

    private final AuditService audit;
    private final TextField actor = new TextField("Actor");
    private final TextField action = new TextField("Action", "key.revoked");
    private final TextField target = new TextField("Target starts with", "tenant:acme");
    private final Grid<AuditEntry> entries = new Grid<>();
    private final Span verdict = new Span();

    @Inject
    public AuditLogView(AuditService audit) {
        this.audit = audit;
        H2 title = new H2("Audit log");
        title.setId("view-title");
        for (TextField filter : new TextField[] {actor, action, target}) {
            filter.setValueChangeMode(ValueChangeMode.LAZY);
            filter.setClearButtonVisible(true);
            filter.addValueChangeListener(change -> refresh());
        }
        target.setId("audit-target");
        Button verify = new Button("Verify chain", VaadinIcon.LINK.create(), click -> verify());
        verify.setId("audit-verify");
        verdict.setId("audit-verdict");
        HorizontalLayout filters = new HorizontalLayout(actor, action, target, verify, verdict);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        entries.setId("audit-entries");
        entries.addColumn(AuditEntry::seq).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(e -> WHEN.format(e.occurredAt())).setHeader("Time (UTC)").setAutoWidth(true);
        entries.addColumn(e -> e.actor() + (e.actorAddress() == null ? "" : " from " + e.actorAddress()))
                .setHeader("Who").setAutoWidth(true);
        entries.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        entries.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(1);
        entries.addColumn(e -> e.tenantId() == null ? "" : e.tenantId()).setHeader("Tenant").setAutoWidth(true);
        entries.setItemDetailsRenderer(new ComponentRenderer<>(entry -> {
            Pre states = new Pre("before: " + entry.before() + "\nafter:  " + entry.after() + "\nhash:   " + entry.hash());
            states.getStyle().set("white-space", "pre-wrap");
            return states;
        }));
        add(title, filters, entries);
        setSizeFull();
        refresh();
    }

    private void refresh() {
        entries.setItems(audit.find(new AuditQuery(null, blankToNull(actor), blankToNull(action), blankToNull(target),
                null, null, null, SHOWN)));
    }

    private void verify() {
        AuditChainCheck.Verdict result = audit.verify();
        verdict.setText(result.intact() ? "Chain intact: " + result.entriesChecked() + " entries verified"
                : "Chain broken at entry " + result.firstBrokenSeq() + ": " + result.problem());
        verdict.getElement().getThemeList().clear();
        verdict.getElement().getThemeList().add(result.intact() ? "badge success" : "badge error");
    }

    private static String blankToNull(TextField field) {
        return field.getValue().isBlank() ? null : field.getValue().strip();
    }
}
