package dev.moat.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
class JpaAuditRepository implements AuditRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public AuditHead lockHead() {
        return entityManager.find(AuditHead.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public void add(AuditEntry entry) {
        entityManager.persist(entry);
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder jpql = new StringBuilder("select e from AuditEntry e where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.tenantId() != null) {
            jpql.append(" and e.tenantId = :tenant");
            parameters.put("tenant", query.tenantId());
        }
        if (query.actor() != null) {
            jpql.append(" and e.actor = :actor");
            parameters.put("actor", query.actor());
        }
        if (query.action() != null) {
            jpql.append(" and e.action = :action");
            parameters.put("action", query.action());
        }
        if (query.targetPrefix() != null) {
            jpql.append(" and e.target like :target escape '!'");
            parameters.put("target", query.targetPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            jpql.append(" and e.occurredAt < :to");
            parameters.put("to", query.to());
        }
        if (query.beforeSeq() != null) {
            jpql.append(" and e.seq < :beforeSeq");
            parameters.put("beforeSeq", query.beforeSeq());
        }
        jpql.append(" order by e.seq desc");
        TypedQuery<AuditEntry> typed = entityManager.createQuery(jpql.toString(), AuditEntry.class)
                .setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }

    @Override
    public List<AuditEntry> chain(long fromSeq, int limit) {
        return entityManager.createQuery("select e from AuditEntry e where e.seq >= :from order by e.seq",
                        AuditEntry.class)
                .setParameter("from", fromSeq).setMaxResults(limit).getResultList();
    }
}
