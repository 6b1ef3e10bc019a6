package dev.moat.tenant;

/** A tenant with this id exists already; ids are never reused. */
public class TenantAlreadyExistsException extends RuntimeException {

    public TenantAlreadyExistsException(TenantId id) {
        super("A tenant with id '" + id + "' already exists");
    }
}
