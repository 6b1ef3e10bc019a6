package dev.moat.ui.tenant;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.key.ApiKey;
import dev.moat.key.KeyService;
import dev.moat.key.KeyStatus;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantAlreadyExistsException;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import dev.moat.ui.shell.MainLayout;
import dev.moat.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** Tenants and their API keys: create, rotate and revoke, each as the caller's role allows. */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants & keys · Moat")
@Menu(title = "Tenants & keys", order = 2, icon = "vaadin:key")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class TenantsView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final TenantService tenants;
    private final KeyService keys;
    private final UsageService usage;
    private final MoatPrincipal caller;
    private final Clock clock;
    private final Grid<Tenant> tenantGrid = new Grid<>();
    private final Grid<ApiKey> keyGrid = new Grid<>();
    private final H3 keysTitle = new H3("Keys");
    private final Button newKey = new Button("New key", VaadinIcon.PLUS.create());
    private final Span tenantLimits = new Span();
    private final Button editTenantLimits = new Button("Edit limits", VaadinIcon.DASHBOARD.create());
    private final TextField filter = new TextField();
    private Tenant selected;
    private Map<String, UsageService.LastUse> lastUses = Map.of();

    @Inject
    public TenantsView(TenantService tenants, KeyService keys, UsageService usage, CurrentCaller currentCaller,
                       Clock clock) {
        this.tenants = tenants;
        this.keys = keys;
        this.usage = usage;
        this.caller = currentCaller.principal();
        this.clock = clock;
        setSizeFull();

        H2 title = new H2("Tenants & keys");
        title.setId("view-title");
        Button newTenant = new Button("New tenant", VaadinIcon.PLUS.create(), click -> openNewTenant());
        newTenant.setId("new-tenant");
        newTenant.setVisible(caller.roles().contains(PLATFORM_ADMIN));

        filter.setId("tenant-filter");
        filter.setPlaceholder("Filter by id or name");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> refreshTenants());

        tenantGrid.setId("tenants");
        tenantGrid.addColumn(t -> t.id().value()).setHeader("Id").setAutoWidth(true);
        tenantGrid.addColumn(Tenant::name).setHeader("Name").setAutoWidth(true);
        tenantGrid.addColumn(t -> t.upstreamBaseUrl().toString()).setHeader("Upstream").setFlexGrow(1);
        tenantGrid.addColumn(t -> WHEN.format(t.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        tenantGrid.setHeight("14em");
        tenantGrid.asSingleSelect().addValueChangeListener(change -> select(change.getValue()));

        newKey.setId("new-key");
        newKey.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newKey.addClickListener(click -> openNewKey());
        newKey.setVisible(false);
        tenantLimits.setId("tenant-limits");
        editTenantLimits.setId("edit-tenant-limits");
        editTenantLimits.addClickListener(click -> editTenantLimits());
        editTenantLimits.setVisible(false);
        keyGrid.setId("keys");
        keysTitle.setId("keys-title");
        keyGrid.addColumn(k -> k.id().value()).setHeader("Key id").setAutoWidth(true);
        keyGrid.addColumn(ApiKey::name).setHeader("Name").setFlexGrow(1);
        keyGrid.addComponentColumn(this::statusBadge).setHeader("Status").setAutoWidth(true);
        keyGrid.addColumn(k -> k.allowedModels().isEmpty() ? "all" : String.join(", ", k.allowedModels()))
                .setHeader("Models").setAutoWidth(true);
        keyGrid.addColumn(k -> k.createdBy() + ", " + WHEN.format(k.createdAt())).setHeader("Created").setAutoWidth(true);
        keyGrid.addColumn(k -> k.limits().describe()).setHeader("Own limits").setAutoWidth(true);
        keyGrid.addColumn(k -> k.ownWorkload().map(reason -> "own workload: " + reason).orElse("reported"))
                .setHeader("Detection").setAutoWidth(true).setVisible(caller.hasOneOf(Role.OWN_WORKLOAD_READERS));
        keyGrid.addColumn(k -> describe(lastUses.get(k.id().value()))).setHeader("Last use (UTC)").setAutoWidth(true);
        keyGrid.addComponentColumn(this::keyActions).setHeader("").setAutoWidth(true);

        add(new HorizontalLayout(title, newTenant), filter, tenantGrid, new HorizontalLayout(keysTitle, newKey),
                new HorizontalLayout(tenantLimits, editTenantLimits), keyGrid);
        refreshTenants();
    }

    private void refreshTenants() {
        String wanted = filter.getValue().strip().toLowerCase();
        List<Tenant> shown = tenants.list().stream()
                .filter(t -> caller.maySee(t.id().value()))
                .filter(t -> t.id().value().contains(wanted) || t.name().toLowerCase().contains(wanted))
                .toList();
        TenantId keep = selected == null ? null : selected.id();
        tenantGrid.setItems(shown);
        // Refreshing the items clears the selection: keep the tenant the operator is working on.
        shown.stream().filter(t -> t.id().equals(keep)).findFirst().ifPresent(tenantGrid::select);
    }

    private void select(Tenant tenant) {
        selected = tenant;
        keysTitle.setText(tenant == null ? "Keys" : "Keys of " + tenant.name());
        newKey.setVisible(tenant != null && mayIssueKeys());
        tenantLimits.setText(tenant == null ? "" : "Tenant limits, shared by all its keys: "
                + tenant.limits().describe());
        editTenantLimits.setVisible(tenant != null && maySetTenantLimits());
        List<ApiKey> tenantKeys = tenant == null ? List.of() : keys.list(tenant.id());
        lastUses = usage.lastUses(tenantKeys.stream().map(k -> k.id().value()).toList());
        keyGrid.setItems(tenantKeys);
    }

    private static String describe(UsageService.LastUse use) {
        if (use == null) {
            return "never";
        }
        return WHEN.format(use.at()) + " from " + use.clientAddress() + (use.country() == null ? "" : " (" + use.country() + ")");
    }

    private boolean mayIssueKeys() {
        return caller.roles().contains(PLATFORM_ADMIN) || caller.roles().contains(TENANT_ADMIN);
    }

    private boolean maySetTenantLimits() {
        return caller.roles().contains(PLATFORM_ADMIN) || caller.roles().contains(SECURITY_OPERATOR);
    }

    /** Revoking and limiting a key are both containment: security operators may do them too. */
    private boolean mayRevokeKeys() {
        return mayIssueKeys() || caller.roles().contains(SECURITY_OPERATOR);
    }

    private Span statusBadge(ApiKey key) {
        KeyStatus status = key.status(clock.instant());
        Span badge = new Span(status.name().toLowerCase());
        badge.getElement().getThemeList().add(status == KeyStatus.ACTIVE ? "badge success" : "badge error");
        return badge;
    }

    private HorizontalLayout keyActions(ApiKey key) {
        HorizontalLayout actions = new HorizontalLayout();
        if (key.status(clock.instant()) != KeyStatus.ACTIVE) {
            return actions;
        }
        if (mayIssueKeys()) {
            Button rotate = new Button("Rotate", click -> confirm("Rotate key " + key.id() + "?",
                    "A new secret is issued; the current one keeps working during the grace period.", "Rotate",
                    () -> {
                        KeyService.IssuedKey issued = keys.rotate(key.id());
                        new IssuedKeyDialog("New secret of " + key.name(), issued.plainText(), null).open();
                        select(selected);
                    }));
            rotate.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(rotate);
        }
        if (mayRevokeKeys()) {
            Button limit = new Button("Limits", click -> new LimitsDialog("Limits of key " + key.id(),
                    "On top of the tenant's limits. In force from the key's next request.", key.limits(),
                    limits -> {
                        keys.limit(key.id(), limits);
                        select(selected);
                    }).open());
            limit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(limit);
            Button revoke = new Button("Revoke", click -> confirm("Revoke key " + key.id() + "?",
                    "Every request with this key is refused from now on. This cannot be undone.", "Revoke",
                    () -> {
                        keys.revoke(key.id());
                        Notification.show("Key " + key.id() + " revoked");
                        select(selected);
                    }));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(revoke);
        }
        if (caller.hasOneOf(Role.OPERATORS)) { // the model's operators, never the tenant
            Button ownWorkload = new Button("Own workload", click -> new OwnWorkloadDialog(key, reason -> {
                keys.declareOwnWorkload(key.id(), reason);
                select(selected);
            }).open());
            ownWorkload.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(ownWorkload);
        }
        return actions;
    }

    private void editTenantLimits() {
        Tenant tenant = selected;
        new LimitsDialog("Limits of " + tenant.name(),
                "Shared by all the tenant's keys; each key may have tighter ones. In force from the next request.",
                tenant.limits(), limits -> {
                    tenants.limit(tenant.id(), limits);
                    refreshTenants(); // selects the tenant again, as now stored
                }).open();
    }

    private static void confirm(String header, String text, String action, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, action, confirmed -> onConfirm.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void openNewTenant() {
        Dialog dialog = new Dialog("New tenant");
        NewTenantForm form = new NewTenantForm();
        form.addSaveListener(save -> {
            try {
                tenants.create(new TenantId(save.id()), save.name(), URI.create(save.upstreamBaseUrl()));
                dialog.close();
                refreshTenants();
            } catch (IllegalArgumentException | TenantAlreadyExistsException e) { // rule violations, bad URLs
                form.showError(e.getMessage());
            }
        });
        dialog.add(form);
        dialog.open();
    }

    private void openNewKey() {
        Dialog dialog = new Dialog("New key for " + selected.name());
        NewKeyForm form = new NewKeyForm();
        form.addCreateListener(create -> {
            try {
                KeyService.IssuedKey issued = keys.issue(selected.id(), create.key(), caller.userName());
                dialog.close();
                new IssuedKeyDialog("Key " + issued.key().id() + " created", issued.plainText(),
                        issued.signingSecret()).open();
                select(selected);
            } catch (DomainRuleViolation e) {
                Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.add(form);
        dialog.open();
    }
}
