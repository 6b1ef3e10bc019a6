package dev.moat.watermarking;

import dev.moat.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of a tenant's watermark secret, sealed; the clear secret exists only in memory. */
@Entity
@Table(name = "watermark_secret")
public class WatermarkSecret {

    @Id
    @Column(name = "id", length = 80)
    private String id;

    @Column(name = "tenant_id", nullable = false, length = 63)
    private String tenantId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "sealed", nullable = false, length = 200)
    private String sealed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "strength", nullable = false)
    private int strength;

    /** For JPA only. */
    protected WatermarkSecret() {
    }

    public WatermarkSecret(TenantId tenant, int version, String sealed, Instant createdAt, int strength) {
        this.id = tenant.value() + ":" + version;
        this.tenantId = tenant.value();
        this.version = version;
        this.sealed = sealed;
        this.createdAt = createdAt;
        this.strength = strength;
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public int version() {
        return version;
    }

    public String sealed() {
        return sealed;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Per cent of word positions this version marks. */
    public int strength() {
        return strength;
    }
}
