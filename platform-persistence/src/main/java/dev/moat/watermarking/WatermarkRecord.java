package dev.moat.watermarking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Base64;

/** The fingerprint of one watermarked answer: its hash and its marked positions' tags, never its text. */
@Entity
@Table(name = "watermark_record")
public class WatermarkRecord {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "answered_at", nullable = false)
    private Instant answeredAt;

    @Column(name = "tenant_id", nullable = false, length = 63)
    private String tenantId;

    @Column(name = "key_id", nullable = false, length = 12)
    private String keyId;

    @Column(name = "key_version", nullable = false)
    private int keyVersion;

    @Column(name = "text_sha256", nullable = false, length = 64)
    private String textSha256;

    @Column(name = "positions", nullable = false)
    private int positions;

    @Column(name = "changed", nullable = false)
    private int changed;

    @Column(name = "position_tags", nullable = false, length = 600000)
    private String positionTags;

    /** For JPA only. */
    protected WatermarkRecord() {
    }

    public WatermarkRecord(String id, Instant answeredAt, String tenantId, String keyId, int keyVersion,
                           String textSha256, int positions, int changed, byte[] positionTags) {
        this.id = id;
        this.answeredAt = answeredAt;
        this.tenantId = tenantId;
        this.keyId = keyId;
        this.keyVersion = keyVersion;
        this.textSha256 = textSha256;
        this.positions = positions;
        this.changed = changed;
        this.positionTags = Base64.getEncoder().encodeToString(positionTags);
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public String tenantId() {
        return tenantId;
    }

    public String keyId() {
        return keyId;
    }

    public int keyVersion() {
        return keyVersion;
    }

    public byte[] positionTags() {
        return Base64.getDecoder().decode(positionTags);
    }
}
