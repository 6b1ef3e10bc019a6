package dev.moat.web.search;

import static dev.moat.security.Role.PLATFORM_ADMIN;

import dev.moat.search.CaseSearchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Maintenance of the full-text index (searching itself is the {@code q} filter of the case list). */
@Path("/v1/search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final CaseSearchService search;

    /** For CDI's client proxy only. */
    protected SearchResource() {
        this(null);
    }

    @Inject
    public SearchResource(CaseSearchService search) {
        this.search = search;
    }

    public record Rebuilt(int indexedCases) {
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(summary = "Rebuild the search index from the database", description = "Empties the index and "
            + "indexes every case again; searches find fewer cases until it is done. ops/search/rebuild-index.sh "
            + "calls it.")
    public Rebuilt rebuild() {
        search.rebuild();
        return new Rebuilt(search.catchUp());
    }
}
