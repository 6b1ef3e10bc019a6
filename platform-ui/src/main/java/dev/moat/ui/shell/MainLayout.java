package dev.moat.ui.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/** The console's frame: who is signed in, sign-out, and the entries this user's roles may open. */
@RolesAllowed({Role.PLATFORM_ADMIN, Role.SECURITY_OPERATOR, Role.AUDITOR, Role.TENANT_ADMIN})
public class MainLayout extends AppLayout {

    static final String SIGN_OUT_PATH = "/logout";

    @Inject
    public MainLayout(CurrentCaller caller) {
        MoatPrincipal user = caller.principal();
        H1 title = new H1("Moat");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        addToNavbar(new DrawerToggle(), title, userBar(user));
        addToDrawer(navigation());
        setPrimarySection(Section.DRAWER);
    }

    private HorizontalLayout userBar(MoatPrincipal user) {
        Span name = new Span(user.displayName());
        name.setId("signed-in-user");
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Span roles = new Span(String.join(", ", user.roles().stream().sorted().toList()));
        roles.setId("signed-in-roles");
        roles.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        HorizontalLayout bar = new HorizontalLayout(name, roles);
        if (isReadOnly(user)) {
            Span readOnly = new Span("read-only");
            readOnly.getElement().getThemeList().add("badge contrast");
            bar.add(readOnly);
        }
        user.tenant().ifPresent(tenant -> bar.add(new Span("tenant " + tenant)));
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> signOut());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        bar.add(signOut);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.addClassNames(LumoUtility.Margin.Left.AUTO, LumoUtility.Margin.Right.MEDIUM);
        return bar;
    }

    /** Auditors may see everything and change nothing. */
    private static boolean isReadOnly(MoatPrincipal user) {
        return user.roles().contains(Role.AUDITOR)
                && !user.roles().contains(Role.PLATFORM_ADMIN)
                && !user.roles().contains(Role.SECURITY_OPERATOR);
    }

    /** The views' {@code @Menu} entries that this user's roles may open, in their order. */
    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("console-navigation");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            nav.addItem(new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon())));
        }
        return nav;
    }

    private void signOut() {
        String contextPath = VaadinServletRequest.getCurrent().getContextPath();
        getUI().ifPresent(ui -> ui.getPage().setLocation(contextPath + SIGN_OUT_PATH));
    }
}
