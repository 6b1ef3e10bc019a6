package dev.moat.ui.geo;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.geo.GeoIpService;
import dev.moat.geo.GeoLocation;
import dev.moat.geo.GeoPolicyService;
import dev.moat.geo.GeoRules;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantService;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where each tenant's keys may be used from, with a check of any address against the rules on screen. */
@Route(value = "geo-policies", layout = MainLayout.class)
@PageTitle("Geo policies · Moat")
@Menu(title = "Geo policies", order = 4, icon = "vaadin:globe")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class GeoPolicyView extends VerticalLayout {

    private final GeoPolicyService policies;
    private final GeoIpService geoIp;
    private final ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
    private final GeoPolicyForm form = new GeoPolicyForm();
    private final Button save = new Button("Save policy");
    private final TextField address = new TextField("Address", "203.0.113.7");
    private final Span verdict = new Span();
    private final boolean mayEdit;

    @Inject
    public GeoPolicyView(GeoPolicyService policies, GeoIpService geoIp, TenantService tenants, CurrentCaller currentCaller) {
        this.policies = policies;
        this.geoIp = geoIp;
        MoatPrincipal caller = currentCaller.principal();
        this.mayEdit = hasAnyRole(caller, PLATFORM_ADMIN, SECURITY_OPERATOR, TENANT_ADMIN);

        H2 title = new H2("Geo policies");
        title.setId("view-title");
        tenant.setId("geo-tenant");
        tenant.setItems(tenants.list().stream().filter(t -> caller.maySee(t.id().value())).toList());
        tenant.setItemLabelGenerator(t -> t.name() + " (" + t.id() + ")");
        tenant.setPlaceholder("Choose a tenant");
        tenant.setWidth("24em");
        tenant.addValueChangeListener(change -> load(change.getValue()));

        form.setEditable(mayEdit);
        form.setVisible(false);
        save.setId("geo-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(false);
        save.addClickListener(click -> save());

        add(title, new Paragraph("Requests from a denied place are refused with 403 geo_denied, which names no rule. "
                + "Changes apply from the next request."), tenant, form, save);
        // The GeoIP lookup is for operators, as in the REST API: it reveals what the databases know of any address.
        if (hasAnyRole(caller, PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR)) {
            add(tryAnAddress());
        }
        setMaxWidth("60em");
        caller.tenant().flatMap(own -> tenants.list().stream().filter(t -> t.id().value().equals(own)).findFirst())
                .ifPresent(tenant::setValue);
    }

    private static boolean hasAnyRole(MoatPrincipal caller, String... roles) {
        return Arrays.stream(roles).anyMatch(caller.roles()::contains);
    }

    private VerticalLayout tryAnAddress() {
        address.setId("geo-try-address");
        Button check = new Button("Check", click -> check());
        check.setId("geo-try");
        verdict.setId("geo-try-verdict");
        HorizontalLayout row = new HorizontalLayout(address, check);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout panel = new VerticalLayout(new H3("Try an address"),
                new Paragraph("What the GeoIP databases know of an address, and whether the rules above, as shown "
                        + "even before saving, would let it in."), row, verdict);
        panel.setPadding(false);
        return panel;
    }

    private void load(Tenant chosen) {
        form.setVisible(chosen != null);
        save.setVisible(chosen != null && mayEdit);
        if (chosen != null) {
            form.show(policies.rules(chosen.id()));
        }
    }

    private void save() {
        try {
            policies.replace(tenant.getValue().id(), form.value());
            Notification.show("Geo policy of " + tenant.getValue().name() + " saved")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainRuleViolation e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void check() {
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(address.getValue().strip());
            address.setInvalid(false);
        } catch (IllegalArgumentException e) {
            address.setInvalid(true);
            address.setErrorMessage("Not an IPv4 or IPv6 address");
            return;
        }
        GeoLocation where = geoIp.lookup(ip);
        String rulesSay;
        if (tenant.getValue() == null) {
            rulesSay = "choose a tenant to check its rules";
        } else {
            try {
                GeoRules rules = form.value();
                String denial = GeoRules.inAny(rules.deniedRanges(), ip) ? "network" : rules.denialOf(where);
                rulesSay = denial == null ? "allowed" : "denied (" + denial.replace('_', ' ') + ")";
            } catch (DomainRuleViolation e) {
                rulesSay = "the rules above are not valid yet";
            }
        }
        verdict.setText(describe(where) + " → " + rulesSay);
    }

    private static String describe(GeoLocation where) {
        List<String> facts = new ArrayList<>();
        facts.add(where.country() == null ? "country unknown" : where.countryName() + " (" + where.country() + ")");
        if (where.city() != null) {
            facts.add(where.city());
        }
        if (where.asn() != null) {
            facts.add("AS" + where.asn() + (where.asnOrganization() == null ? "" : " " + where.asnOrganization()));
        }
        if (where.anonymous()) {
            facts.add("anonymising network");
        }
        if (where.hostingProvider()) {
            facts.add("hosting provider");
        }
        return String.join(", ", facts);
    }
}
