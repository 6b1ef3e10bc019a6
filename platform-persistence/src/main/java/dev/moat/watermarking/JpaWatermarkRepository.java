package dev.moat.watermarking;

import dev.moat.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaWatermarkRepository implements WatermarkRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Optional<WatermarkPolicy> policy(TenantId tenant) {
        return Optional.ofNullable(entityManager.find(WatermarkPolicy.class, tenant.value()));
    }

    @Override
    public void add(WatermarkPolicy policy) {
        entityManager.persist(policy);
    }

    @Override
    public List<WatermarkSecret> secrets(TenantId tenant) {
        return entityManager.createQuery("select s from WatermarkSecret s where s.tenantId = :tenant order by s.version",
                WatermarkSecret.class).setParameter("tenant", tenant.value()).getResultList();
    }

    @Override
    public List<WatermarkSecret> allSecrets() {
        return entityManager.createQuery("select s from WatermarkSecret s order by s.tenantId, s.version",
                WatermarkSecret.class).getResultList();
    }

    @Override
    public void add(WatermarkSecret secret) {
        entityManager.persist(secret);
    }

    @Override
    public void add(WatermarkRecord record) {
        entityManager.persist(record);
    }

    @Override
    public List<WatermarkRecord> recordsWithText(String sha256, int limit) {
        return entityManager.createQuery("select r from WatermarkRecord r where r.textSha256 = :sha order by r.answeredAt desc",
                WatermarkRecord.class).setParameter("sha", sha256).setMaxResults(limit).getResultList();
    }

    @Override
    public List<WatermarkRecord> records(TenantId tenant, int keyVersion, int limit) {
        return entityManager.createQuery("select r from WatermarkRecord r where r.tenantId = :tenant"
                        + " and r.keyVersion = :version order by r.answeredAt desc", WatermarkRecord.class)
                .setParameter("tenant", tenant.value()).setParameter("version", keyVersion).setMaxResults(limit)
                .getResultList();
    }
}
