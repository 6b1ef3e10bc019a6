package dev.moat.tenant;

/** Fired when a tenant's settings change; observed after commit to drop cached copies. */
public record TenantChanged(TenantId id) {
}
