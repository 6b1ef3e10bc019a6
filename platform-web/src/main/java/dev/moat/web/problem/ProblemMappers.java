package dev.moat.web.problem;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.tenant.TenantAlreadyExistsException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns the API's failures into problem documents with the right status, never leaking internals. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class WebApplicationExceptions implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            return Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class DomainRuleViolations implements ExceptionMapper<DomainRuleViolation> {
        @Override
        public Response toResponse(DomainRuleViolation e) {
            return Problem.of(400, "Bad Request", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class Missing implements ExceptionMapper<NotFound> {
        @Override
        public Response toResponse(NotFound e) {
            return Problem.of(404, "Not Found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class UnreadableBodies implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.of(400, "Bad Request", "The request body is not valid JSON for this operation.")
                    .toResponse();
        }
    }

    @Provider
    public static class Conflicts implements ExceptionMapper<TenantAlreadyExistsException> {
        @Override
        public Response toResponse(TenantAlreadyExistsException e) {
            return Problem.of(409, "Conflict", e.getMessage()).toResponse();
        }
    }

    /** Anything unforeseen: logged with a reference the caller can quote, details stay in the log. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, e);
            return Problem.of(500, "Internal Server Error", "Unexpected failure; reference " + reference)
                    .toResponse();
        }
    }
}
