package dev.moat.ui.incident;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.domain.StaleVersion;
import dev.moat.incident.CaseRelationsService;
import dev.moat.incident.ContainmentService;
import dev.moat.incident.Evidence;
import dev.moat.incident.IllegalTransition;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentService;
import dev.moat.incident.IncidentService.CaseFile;
import dev.moat.incident.IncidentService.IncidentChange;
import dev.moat.incident.IncidentStatus;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import dev.moat.incident.TimelineEntry;
import dev.moat.key.KeyId;
import dev.moat.ratelimit.Limits;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.ui.geo.Country;
import dev.moat.ui.shell.MainLayout;
import dev.moat.ui.tenant.LimitsDialog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** One case: what it is about, its evidence and timeline, and the operator's actions on it. */
@Route(value = "incident", layout = MainLayout.class)
@PageTitle("Case · Moat")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class CaseView extends VerticalLayout implements HasUrlParameter<String> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final IncidentService incidents;
    private final CaseRelationsService relations;
    private final ContainmentService containment;
    private final Clock clock;
    private final boolean operator;
    private IncidentId id;
    private long version;

    @Inject
    public CaseView(IncidentService incidents, CaseRelationsService relations, ContainmentService containment,
                    CurrentCaller currentCaller, Clock clock) {
        this.incidents = incidents;
        this.relations = relations;
        this.containment = containment;
        this.clock = clock;
        MoatPrincipal caller = currentCaller.principal();
        this.operator = caller.roles().contains(PLATFORM_ADMIN) || caller.roles().contains(SECURITY_OPERATOR);
        setMaxWidth("70em");
    }

    @Override
    public void setParameter(BeforeEvent event, String caseId) {
        try {
            id = IncidentId.parse(caseId);
            show(incidents.read(id));
        } catch (NotFound e) {
            removeAll();
            add(new RouterLink("← All incidents", IncidentsView.class), new H2("No such case"), new Paragraph(e.getMessage()));
        }
    }

    private void show(CaseFile file) {
        removeAll();
        Incident incident = file.incident();
        version = incident.version();
        H2 title = new H2(incident.id() + " · " + incident.title());
        title.setId("case-heading");
        HorizontalLayout badges = new HorizontalLayout(CaseBadges.severity(incident.severity()),
                CaseBadges.status(incident.status()), CaseBadges.sla(incident, clock.instant()));
        badges.setId("case-badges");
        Span facts = new Span("Tenant " + (incident.tenantId() == null ? "all" : incident.tenantId())
                + " · assigned to " + (incident.assignee() == null ? "nobody" : incident.assignee())
                + " · opened by " + incident.createdBy() + " " + WHEN.format(incident.createdAt())
                + " UTC · due " + WHEN.format(incident.dueAt()) + " UTC");
        facts.setId("case-facts");
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new RouterLink("← All incidents", IncidentsView.class), title, badges, facts);
        if (incident.mergedInto() != null) {
            IncidentId into = new IncidentId(incident.mergedInto());
            Span merged = new Span("Merged into ");
            merged.setId("case-merged-into");
            merged.add(new RouterLink(into.toString(), CaseView.class, into.toString()));
            add(merged);
        }
        if (!incident.externalReferences().isEmpty()) {
            Span tickets = new Span("Tickets: ");
            tickets.setId("case-tickets");
            incident.externalReferences().forEach(ticket -> tickets.add(ticket.url() == null
                    ? new Span(ticket + " ") : new Anchor(ticket.url(), ticket + " ")));
            add(tickets);
        }
        if (!incident.related().isEmpty()) {
            Span related = new Span("Related: ");
            incident.related().forEach(other -> related.add(new RouterLink(other + " ", CaseView.class, other.toString())));
            add(related);
        }
        if (operator && incident.mergedInto() == null) {
            add(actions(incident));
        }
        Paragraph description = new Paragraph(incident.description().isEmpty() ? "No description." : incident.description());
        description.getStyle().set("white-space", "pre-wrap");
        add(description);
        add(new H3("Observables"), observables(incident));
        if (operator && incident.mergedInto() == null) {
            add(containmentActions(incident), relationsBox());
        }
        add(new H3("Evidence (" + file.evidence().size() + ")"));
        file.evidence().forEach(evidence -> add(evidence(evidence)));
        add(new H3("Timeline"), timeline(file));
        if (operator) {
            add(commentBox());
        }
    }

    private VerticalLayout actions(Incident incident) {
        HorizontalLayout moves = new HorizontalLayout();
        incident.status().next().stream().sorted().forEach(next -> {
            String label = next == IncidentStatus.CLOSED ? "Close"
                    : !incident.status().isOpen() ? "Reopen" : "Move to " + CaseBadges.label(next);
            Button move = new Button(label, click -> change(IncidentChange.status(next)));
            move.setId("move-" + next.name().toLowerCase());
            if (next == IncidentStatus.RESOLVED) {
                move.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            }
            moves.add(move);
        });
        TextField assignee = new TextField("Assignee", "user name");
        assignee.setId("case-assignee");
        assignee.setValue(incident.assignee() == null ? "" : incident.assignee());
        Button assign = new Button("Assign", click -> change(IncidentChange.assignee(assignee.getValue())));
        assign.setId("assign-case");
        Select<Severity> severity = new Select<>();
        severity.setId("case-severity");
        severity.setLabel("Severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(CaseBadges::label);
        severity.setValue(incident.severity());
        severity.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                change(IncidentChange.severity(change.getValue()));
            }
        });
        HorizontalLayout fields = new HorizontalLayout(assignee, assign, severity);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout actions = new VerticalLayout(moves, fields);
        actions.setPadding(false);
        return actions;
    }

    private Div observables(Incident incident) {
        Div list = new Div();
        list.setId("case-observables");
        if (incident.observables().isEmpty()) {
            list.add(new Span("None recorded."));
        }
        incident.observables().stream()
                .sorted(Comparator.comparing(Observable::kind).thenComparing(Observable::value))
                .forEach(observable -> {
                    Span chip = new Span(CaseBadges.label(observable.kind()) + ": " + observable.value());
                    chip.getElement().getThemeList().add("badge contrast");
                    chip.getStyle().set("margin", "0 0.4em 0.4em 0");
                    list.add(chip);
                });
        return list;
    }

    /** One button per thing the case is about that Moat can act on, each asking before it acts. */
    private HorizontalLayout containmentActions(Incident incident) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setId("case-containment");
        actions.getStyle().set("flex-wrap", "wrap");
        for (Observable observable : incident.observables()) {
            switch (observable.kind()) {
                case API_KEY -> {
                    KeyId key = new KeyId(observable.value());
                    actions.add(containButton("Revoke key " + key, "contain-revoke-" + key,
                            "Every request with key " + key + " is refused from now on.",
                            () -> containment.revokeKey(id, key)));
                    Button limit = new Button("Limit key " + key + "…", click -> new LimitsDialog("Limits of key " + key,
                            "Tighter limits for this key, in force from its next request.", Limits.NONE,
                            limits -> act(() -> containment.limitKey(id, key, limits))).open());
                    limit.setId("contain-limit-" + key);
                    actions.add(limit);
                }
                case COUNTRY -> actions.add(containButton("Deny country " + observable.value(),
                        "contain-country-" + observable.value(), "The tenant's keys stop working from "
                                + Country.nameOf(observable.value()) + ".",
                        () -> containment.denyCountry(id, observable.value())));
                case ASN -> actions.add(containButton("Deny " + observable.value(), "contain-asn-" + observable.value(),
                        "The tenant's keys stop working from network " + observable.value() + ".",
                        () -> containment.denyAsn(id, observable.value())));
                case NETWORK, CLIENT_ADDRESS -> actions.add(containButton("Deny " + observable.value(),
                        "contain-network-" + observable.value(), "The tenant's keys stop working from "
                                + observable.value() + ".", () -> containment.denyNetwork(id, observable.value())));
                default -> { }
            }
        }
        return actions;
    }

    private Button containButton(String label, String buttonId, String consequence, Runnable action) {
        Button button = new Button(label, click -> {
            ConfirmDialog confirm = new ConfirmDialog(label + "?", consequence + " This is recorded on the case.",
                    "Do it", confirmed -> act(action));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        button.setId(buttonId);
        button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return button;
    }

    private HorizontalLayout relationsBox() {
        TextField others = new TextField("Merge into this case", "MOAT-12, MOAT-15");
        others.setId("merge-cases");
        TextField reason = new TextField("Reason");
        reason.setId("merge-reason");
        Button merge = new Button("Merge", click -> act(() -> relations.merge(id, Arrays.stream(
                        others.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(IncidentId::parse).toList(), reason.getValue(), null, null)));
        merge.setId("merge");
        TextField related = new TextField("Link a related case", "MOAT-9");
        related.setId("related-case");
        Button link = new Button("Link", click -> act(() -> relations.relate(id, IncidentId.parse(related.getValue().strip()))));
        link.setId("link-case");
        HorizontalLayout box = new HorizontalLayout(others, reason, merge, related, link);
        box.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return box;
    }

    /** Runs an action on the case and shows the case as it is afterwards, or why the action was refused. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (DomainRuleViolation | NotFound | IllegalTransition e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        show(incidents.read(id));
    }

    private static Details evidence(Evidence evidence) {
        Pre detail = new Pre(evidence.detail());
        detail.getStyle().set("white-space", "pre-wrap");
        return new Details(WHEN.format(evidence.addedAt()) + " · " + CaseBadges.label(evidence.kind()) + " · "
                + evidence.summary(), detail);
    }

    private VerticalLayout timeline(CaseFile file) {
        VerticalLayout entries = new VerticalLayout();
        entries.setId("case-timeline");
        entries.setPadding(false);
        entries.setSpacing(false);
        for (TimelineEntry entry : file.timeline()) {
            Span when = new Span(WHEN.format(entry.occurredAt()) + " · " + entry.actor() + " · "
                    + CaseBadges.label(entry.kind()));
            when.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            Span text = new Span(entry.body()); // text, never markup: comments may hold anything
            text.getStyle().set("white-space", "pre-wrap");
            VerticalLayout row = new VerticalLayout(when, text);
            row.setPadding(false);
            row.setSpacing(false);
            row.addClassNames(LumoUtility.Padding.Vertical.SMALL);
            entries.add(row);
        }
        return entries;
    }

    private VerticalLayout commentBox() {
        TextArea comment = new TextArea("Comment");
        comment.setId("case-comment");
        comment.setWidthFull();
        comment.setMaxLength(IncidentService.MAX_COMMENT);
        Button add = new Button("Add comment", click -> {
            try {
                incidents.comment(id, comment.getValue(), null, null);
                show(incidents.read(id));
            } catch (DomainRuleViolation e) {
                comment.setInvalid(true);
                comment.setErrorMessage(e.getMessage());
            }
        });
        add.setId("add-comment");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout box = new VerticalLayout(comment, add);
        box.setPadding(false);
        return box;
    }

    private void change(IncidentChange change) {
        try {
            incidents.update(id, version, change);
        } catch (StaleVersion e) {
            Notification.show("Someone changed this case meanwhile; here it is as it is now. Try again.")
                    .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        } catch (IllegalTransition | DomainRuleViolation e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        show(incidents.read(id));
    }
}
