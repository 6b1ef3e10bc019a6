package dev.moat.ui.search;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.incident.Incident;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentService;
import dev.moat.search.CaseIndex;
import dev.moat.search.CaseSearchService;
import dev.moat.ui.incident.CaseView;
import dev.moat.ui.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;

/** Full-text search over cases, their comments, evidence and observables, with the matches highlighted. */
@Route(value = "search", layout = MainLayout.class)
@PageTitle("Search · Moat")
@Menu(title = "Search", order = 8, icon = "vaadin:file-search")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class SearchView extends VerticalLayout {

    private static final int SHOWN = 50;

    private final CaseSearchService search;
    private final IncidentService incidents;
    private final TextField query = new TextField();
    private final VerticalLayout results = new VerticalLayout();

    @Inject
    public SearchView(CaseSearchService search, IncidentService incidents) {
        this.search = search;
        this.incidents = incidents;
        H2 title = new H2("Search");
        title.setId("view-title");
        query.setId("search-query");
        query.setPlaceholder("reasoning traces, \"step by step\", AS16509, SEC-4711 …");
        query.setWidth("36em");
        query.addKeyPressListener(Key.ENTER, press -> run());
        Button go = new Button("Search", VaadinIcon.SEARCH.create(), click -> run());
        go.setId("search-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(query, go);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        results.setId("search-results");
        results.setPadding(false);
        add(title, new Paragraph("Searches titles, descriptions, comments and changes, evidence and observables. "
                + "All words must match; use \"quotes\" for phrases, OR and NOT, or a field such as evidence:logprobs."),
                bar, results);
    }

    private void run() {
        results.removeAll();
        try {
            int shown = 0;
            for (CaseIndex.Hit hit : search.search(query.getValue(), SHOWN)) {
                try {
                    results.add(result(incidents.find(IncidentId.parse(hit.caseId())), hit.highlights()));
                    shown++;
                } catch (NotFound e) {
                    // indexed before it became invisible to this user
                }
            }
            if (shown == 0) {
                results.add(new Span("No case matches."));
            }
        } catch (DomainRuleViolation e) {
            results.add(new Span(e.getMessage()));
        }
    }

    private static Div result(Incident incident, Map<String, String> highlights) {
        RouterLink link = new RouterLink(incident.id() + " · " + incident.title(), CaseView.class,
                incident.id().toString());
        Span status = new Span(incident.status().name().toLowerCase(Locale.ROOT));
        status.getElement().getThemeList().add("badge");
        Div result = new Div(new HorizontalLayout(link, status));
        result.addClassName("search-result");
        result.addClassNames(LumoUtility.Padding.Vertical.SMALL);
        // Fragments are HTML from the index: the text escaped, only the <mark> around matches added.
        highlights.forEach((field, fragment) -> result.add(new Html("<div><small>" + field + ":</small> … "
                + fragment + " …</div>")));
        return result;
    }
}
