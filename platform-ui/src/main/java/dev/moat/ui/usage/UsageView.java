package dev.moat.ui.usage;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.moat.key.ApiKey;
import dev.moat.key.KeyService;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantService;
import dev.moat.ui.shell.MainLayout;
import dev.moat.usage.UsageEvent;
import dev.moat.usage.UsageRepository.UsageQuery;
import dev.moat.usage.UsageService;
import dev.moat.usage.UsageTimeline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Gateway traffic of a tenant or one of its keys: requests and tokens over time, and the latest requests. */
@Route(value = "usage", layout = MainLayout.class)
@PageTitle("Usage · Moat")
@Menu(title = "Usage", order = 3, icon = "vaadin:chart")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class UsageView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int LATEST = 100;

    private final UsageService usage;
    private final KeyService keys;
    private final Clock clock;
    private final ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
    private final ComboBox<ApiKey> key = new ComboBox<>("Key");
    private final Select<UsageRange> range = new Select<>();
    private final HorizontalLayout totals = new HorizontalLayout();
    private final Div chart = new Div();
    private final Grid<UsageEvent.Facts> latest = new Grid<>();

    @Inject
    public UsageView(UsageService usage, TenantService tenants, KeyService keys, CurrentCaller currentCaller, Clock clock) {
        this.usage = usage;
        this.keys = keys;
        this.clock = clock;
        MoatPrincipal caller = currentCaller.principal();

        H2 title = new H2("Usage");
        title.setId("view-title");
        tenant.setId("usage-tenant");
        tenant.setItems(tenants.list().stream().filter(t -> caller.maySee(t.id().value())).toList());
        tenant.setItemLabelGenerator(t -> t.name() + " (" + t.id() + ")");
        tenant.setPlaceholder("Choose a tenant");
        key.setId("usage-key");
        key.setItemLabelGenerator(k -> k.name() + " (" + k.id() + ")");
        key.setPlaceholder("All keys");
        key.setClearButtonVisible(true);
        range.setId("usage-range");
        range.setLabel("Range");
        range.setItems(UsageRange.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setValue(UsageRange.LAST_HOUR);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refresh());
        refresh.setId("usage-refresh");
        HorizontalLayout filters = new HorizontalLayout(tenant, key, range, refresh);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        totals.setId("usage-totals");
        chart.setId("usage-chart");
        chart.setWidthFull();
        chart.setMaxWidth(UsageChart.WIDTH + "px");
        latest.setId("usage-events");
        latest.addColumn(e -> WHEN.format(e.occurredAt())).setHeader("Time (UTC)").setAutoWidth(true);
        latest.addColumn(UsageEvent.Facts::keyId).setHeader("Key").setAutoWidth(true);
        latest.addColumn(e -> e.clientAddress() + (e.country() == null ? "" : " (" + e.country() + ")"))
                .setHeader("Client").setAutoWidth(true);
        latest.addColumn(UsageEvent.Facts::model).setHeader("Model").setAutoWidth(true);
        latest.addColumn(e -> e.promptTokens() + " + " + e.completionTokens() + (e.tokensEstimated() ? " (est.)" : ""))
                .setHeader("Tokens in + out").setAutoWidth(true);
        latest.addColumn(e -> e.latencyMillis() + " ms").setHeader("Latency").setAutoWidth(true);
        latest.addColumn(UsageEvent.Facts::status).setHeader("Status").setAutoWidth(true);
        latest.addColumn(UsageEvent.Facts::decision).setHeader("Decision").setFlexGrow(1);

        tenant.addValueChangeListener(change -> {
            key.clear();
            key.setItems(change.getValue() == null ? List.of() : keys.list(change.getValue().id()));
            refresh();
        });
        key.addValueChangeListener(change -> refresh());
        range.addValueChangeListener(change -> refresh());

        add(title, filters, totals, chart, new H3("Latest requests"), latest);
        setSizeFull();
        caller.tenant().flatMap(own -> tenants.list().stream().filter(t -> t.id().value().equals(own)).findFirst())
                .ifPresent(tenant::setValue);
        refresh();
    }

    private void refresh() {
        chart.removeAll();
        totals.removeAll();
        Tenant shown = tenant.getValue();
        if (shown == null) {
            latest.setItems(List.of());
            chart.add(new Span("Choose a tenant to see its traffic."));
            return;
        }
        String keyId = key.getValue() == null ? null : key.getValue().id().value();
        UsageRange window = range.getValue();
        Instant to = clock.instant();
        Instant from = to.minus(window.length);
        UsageTimeline timeline = usage.timeline(shown.id().value(), keyId, from, to, window.step);
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        totals.add(figure("Requests", count.format(timeline.requests())),
                figure("Refused", count.format(timeline.refused())),
                figure("Prompt tokens", count.format(timeline.promptTokens())),
                figure("Completion tokens", count.format(timeline.completionTokens())));
        chart.add(new Html("<div>" + UsageChart.svg(timeline) + "</div>"));
        latest.setItems(usage.find(new UsageQuery(shown.id().value(), keyId, from, to, null, null, LATEST)).stream()
                .map(UsageEvent::facts).toList());
    }

    private static VerticalLayout figure(String label, String value) {
        Span number = new Span(value);
        number.addClassNames(LumoUtility.FontSize.XXLARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span caption = new Span(label);
        caption.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        VerticalLayout figure = new VerticalLayout(number, caption);
        figure.setSpacing(false);
        figure.setPadding(false);
        figure.setWidth("12em");
        return figure;
    }
}
