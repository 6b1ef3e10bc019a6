package dev.moat.watermarking;

import dev.moat.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Watermark policies, secrets and fingerprints; used only by application services. */
public interface WatermarkRepository {

    Optional<WatermarkPolicy> policy(TenantId tenant);

    void add(WatermarkPolicy policy);

    /** The tenant's secret versions, oldest first. */
    List<WatermarkSecret> secrets(TenantId tenant);

    /** Every tenant's secret versions, for verification across tenants. */
    List<WatermarkSecret> allSecrets();

    void add(WatermarkSecret secret);

    void add(WatermarkRecord record);

    /** Answers whose text had exactly this SHA-256 (a verbatim copy), newest first, at most {@code limit}. */
    List<WatermarkRecord> recordsWithText(String sha256, int limit);

    /** The newest answers marked with one secret version, at most {@code limit}. */
    List<WatermarkRecord> records(TenantId tenant, int keyVersion, int limit);
}
