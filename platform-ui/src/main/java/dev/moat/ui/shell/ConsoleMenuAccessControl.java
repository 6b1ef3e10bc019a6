package dev.moat.ui.shell;

import com.vaadin.flow.server.auth.DefaultMenuAccessControl;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Vaadin's own menu access control, as a CDI bean: Vaadin CDI looks the menu access control up as a bean and
 * fails without one. It keeps the menu to the views whose {@code @RolesAllowed} the user meets.
 */
@ApplicationScoped
public class ConsoleMenuAccessControl extends DefaultMenuAccessControl {
}
