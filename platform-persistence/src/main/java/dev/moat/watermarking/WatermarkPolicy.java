package dev.moat.watermarking;

import dev.moat.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A tenant's stored watermarking settings; {@link WatermarkSettings} is their value form. */
@Entity
@Table(name = "watermark_policy")
public class WatermarkPolicy {

    @Id
    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "lexical", nullable = false)
    private boolean lexical;

    @Column(name = "invisible", nullable = false)
    private boolean invisible;

    @Column(name = "strength", nullable = false)
    private int strength;

    /** JSON object: key id → "off", "lexical", "invisible" or "both". */
    @Column(name = "key_overrides", nullable = false, length = 20000)
    private String keyOverrides;

    @Column(name = "secret_version", nullable = false)
    private int secretVersion;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected WatermarkPolicy() {
    }

    public WatermarkPolicy(TenantId tenant, WatermarkSettings settings, int secretVersion) {
        this.tenantId = tenant.value();
        this.secretVersion = secretVersion;
        replaceWith(settings);
    }

    public void replaceWith(WatermarkSettings settings) {
        lexical = settings.lexical();
        invisible = settings.invisible();
        strength = settings.strength();
        keyOverrides = WatermarkSettings.overridesJson(settings.keyOverrides());
    }

    public WatermarkSettings settings() {
        return new WatermarkSettings(lexical, invisible, strength, WatermarkSettings.overridesOf(keyOverrides));
    }

    public int secretVersion() {
        return secretVersion;
    }

    public void useSecretVersion(int secretVersion) {
        this.secretVersion = secretVersion;
    }
}
