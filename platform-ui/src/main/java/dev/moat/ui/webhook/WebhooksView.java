package dev.moat.ui.webhook;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
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
import dev.moat.security.CurrentCaller;
import dev.moat.ui.shell.MainLayout;
import dev.moat.ui.shell.ShownOnceDialog;
import dev.moat.webhook.WebhookDelivery;
import dev.moat.webhook.WebhookEventType;
import dev.moat.webhook.WebhookService;
import dev.moat.webhook.WebhookSubscription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/** Outbound webhooks: subscriptions, a new one with its secret shown once, and each one's delivery log. */
@Route(value = "webhooks", layout = MainLayout.class)
@PageTitle("Webhooks · Moat")
@Menu(title = "Webhooks", order = 9, icon = "vaadin:connect")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR})
public class WebhooksView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int LOG_SIZE = 200;

    private final WebhookService webhooks;
    private final boolean manager;
    private final Grid<WebhookSubscription> subscriptions = new Grid<>();
    private final H3 logTitle = new H3("Deliveries");
    private final Grid<WebhookDelivery> deliveries = new Grid<>();
    private WebhookSubscription selected;

    @Inject
    public WebhooksView(WebhookService webhooks, CurrentCaller currentCaller) {
        this.webhooks = webhooks;
        this.manager = currentCaller.principal().roles().contains(PLATFORM_ADMIN)
                || currentCaller.principal().roles().contains(SECURITY_OPERATOR);

        H2 title = new H2("Webhooks");
        title.setId("view-title");
        HorizontalLayout header = new HorizontalLayout(title);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (manager) {
            Button subscribe = new Button("New webhook", VaadinIcon.PLUS.create(), click -> openNewSubscription());
            subscribe.setId("new-webhook");
            subscribe.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(subscribe);
        }
        subscriptions.setId("webhooks");
        subscriptions.addColumn(s -> s.url().toString()).setHeader("URL").setFlexGrow(1);
        subscriptions.addColumn(s -> s.eventTypes().stream().map(WebhookEventType::wireName)
                .collect(Collectors.joining(", "))).setHeader("Events").setFlexGrow(1);
        subscriptions.addColumn(WebhookSubscription::description).setHeader("Description").setAutoWidth(true);
        subscriptions.addColumn(s -> s.createdBy() + ", " + WHEN.format(s.createdAt())).setHeader("Created (UTC)")
                .setAutoWidth(true);
        if (manager) {
            subscriptions.addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        }
        subscriptions.setHeight("14em");
        subscriptions.asSingleSelect().addValueChangeListener(change -> showLog(change.getValue()));

        deliveries.setId("webhook-deliveries");
        deliveries.addColumn(d -> WHEN.format(d.createdAt())).setHeader("Event time").setAutoWidth(true);
        deliveries.addColumn(d -> d.eventType().wireName()).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(d -> d.status().name().toLowerCase()).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(d -> d.lastResponseStatus() != null ? "HTTP " + d.lastResponseStatus()
                : d.lastError() == null ? "" : d.lastError()).setHeader("Last answer").setFlexGrow(1);
        deliveries.addColumn(d -> d.nextAttemptAt() == null ? "" : WHEN.format(d.nextAttemptAt()))
                .setHeader("Next attempt").setAutoWidth(true);
        if (manager) {
            deliveries.addComponentColumn(this::redeliverButton).setAutoWidth(true).setFlexGrow(0);
        }

        add(header, new Paragraph("Moat signs each delivery per the Standard Webhooks specification (webhook-id, "
                        + "webhook-timestamp, webhook-signature) and retries failures with backoff for over 24 hours."),
                subscriptions, logTitle, deliveries);
        setSizeFull();
        refresh();
    }

    private void refresh() {
        subscriptions.setItems(webhooks.subscriptions());
        showLog(null);
    }

    private void showLog(WebhookSubscription subscription) {
        selected = subscription;
        logTitle.setText(subscription == null ? "Deliveries (select a webhook)" : "Deliveries to " + subscription.url());
        deliveries.setItems(subscription == null ? List.of() : webhooks.deliveries(subscription.id(), LOG_SIZE));
    }

    private Button deleteButton(WebhookSubscription subscription) {
        Button delete = new Button("Delete", click -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete this webhook?", "Nothing more is sent to "
                    + subscription.url() + "; pending deliveries are cancelled. Its log stays.", "Delete",
                    confirmed -> {
                        webhooks.unsubscribe(subscription.id());
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private Button redeliverButton(WebhookDelivery delivery) {
        Button again = new Button("Redeliver", click -> {
            webhooks.redeliver(delivery.subscriptionId(), delivery.id());
            Notification.show("Sending " + delivery.id() + " again");
            showLog(selected);
        });
        again.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return again;
    }

    private void openNewSubscription() {
        Dialog dialog = new Dialog("New webhook");
        TextField url = new TextField("URL", "https://tickets.example.com/hooks/moat");
        url.setId("webhook-url");
        url.setWidth("30em");
        CheckboxGroup<WebhookEventType> events = new CheckboxGroup<>("Events");
        events.setId("webhook-events");
        events.setItems(WebhookEventType.values());
        events.setItemLabelGenerator(WebhookEventType::wireName);
        events.setValue(EnumSet.allOf(WebhookEventType.class));
        TextField description = new TextField("Description");
        Button create = new Button("Create", click -> {
            try {
                WebhookService.IssuedSubscription issued = webhooks.subscribe(WebhookSubscription.parseUrl(url.getValue()),
                        events.getValue(), description.getValue(), null, null);
                dialog.close();
                refresh();
                new ShownOnceDialog("Webhook created", "close-webhook-secret").withSecret("Configure the receiver "
                                + "with this signing secret now; Moat will not show it again.", "webhook-secret",
                        "Signing secret", issued.secret()).open();
            } catch (DomainRuleViolation e) {
                url.setInvalid(true);
                url.setErrorMessage(e.getMessage());
            }
        });
        create.setId("create-webhook");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(url, events, description);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), create);
        dialog.open();
    }
}
