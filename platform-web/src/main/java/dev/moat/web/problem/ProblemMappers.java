package dev.moat.web.problem;

import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.domain.StaleVersion;
import dev.moat.idempotency.IdempotencyKeyReused;
import dev.moat.incident.IllegalTransition;
import dev.moat.security.NotPermitted;
import dev.moat.webhook.InvalidSignature;
import dev.moat.tenant.TenantAlreadyExistsException;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
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

    @Provider
    public static class Forbidden implements ExceptionMapper<NotPermitted> {
        @Override
        public Response toResponse(NotPermitted e) {
            return Problem.of(403, "Forbidden", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class BadSignatures implements ExceptionMapper<InvalidSignature> {
        @Override
        public Response toResponse(InvalidSignature e) {
            return Problem.of(401, "Unauthorized", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class StaleVersions implements ExceptionMapper<StaleVersion> {
        @Override
        public Response toResponse(StaleVersion e) {
            return Problem.of(412, "Precondition Failed", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class WorkflowViolations implements ExceptionMapper<IllegalTransition> {
        @Override
        public Response toResponse(IllegalTransition e) {
            return Problem.of(409, "Conflict", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class ReusedIdempotencyKeys implements ExceptionMapper<IdempotencyKeyReused> {
        @Override
        public Response toResponse(IdempotencyKeyReused e) {
            return Problem.of(422, "Unprocessable Content", e.getMessage()).toResponse();
        }
    }

    /**
     * A commit that failed: a concurrent writer changed the same case (412, as a stale ETag would), or a
     * concurrent retry stored the same Idempotency-Key first (409). Anything else is unexpected.
     */
    @Provider
    public static class FailedCommits implements ExceptionMapper<TransactionalException> {
        @Override
        public Response toResponse(TransactionalException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof OptimisticLockException) {
                    return Problem.of(412, "Precondition Failed",
                            "The case changed while this update was made: read it again and retry").toResponse();
                }
                if (cause instanceof EntityExistsException || cause instanceof SQLException sql
                        && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) { // integrity violation
                    return Problem.of(409, "Conflict",
                            "A concurrent request made the same change; retry to get its result").toResponse();
                }
            }
            return new Unexpected().toResponse(e);
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
