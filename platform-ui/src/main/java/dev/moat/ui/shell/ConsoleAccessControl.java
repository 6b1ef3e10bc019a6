package dev.moat.ui.shell;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Enforces each view's {@code @RolesAllowed} on navigation, so a hidden entry is also a closed door. */
@ApplicationScoped
class ConsoleAccessControl {

    void installOnEveryUi(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(
                init -> init.getUI().addBeforeEnterListener(new NavigationAccessControl()));
    }
}
