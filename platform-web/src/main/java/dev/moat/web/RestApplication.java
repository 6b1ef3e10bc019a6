package dev.moat.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Moat's admin and ticketing REST API under {@code /api}; callers present a bearer token from the realm. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Moat admin and ticketing API", version = "v1",
                description = "Tenants, keys, policies, inspection, watermarks and incidents. "
                        + "Every call needs an access token of the moat realm (audience moat)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class RestApplication extends Application {
}
