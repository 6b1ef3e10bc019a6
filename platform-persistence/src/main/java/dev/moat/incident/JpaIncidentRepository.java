package dev.moat.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
class JpaIncidentRepository implements IncidentRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public Incident add(Incident incident) {
        entityManager.persist(incident);
        return incident;
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        return Optional.ofNullable(entityManager.find(Incident.class, id.number()));
    }

    @Override
    public Optional<Incident> openWithDedupKey(String dedupKey) {
        return entityManager.createQuery("select i from Incident i where i.dedupKey = :key and i.status not in "
                        + "(dev.moat.incident.IncidentStatus.RESOLVED, dev.moat.incident.IncidentStatus.CLOSED) "
                        + "order by i.number desc", Incident.class)
                .setParameter("key", dedupKey)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        StringBuilder jpql = new StringBuilder("select i from Incident i where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.tenantId() != null) {
            jpql.append(" and i.tenantId = :tenant");
            parameters.put("tenant", query.tenantId());
        }
        if (!query.statuses().isEmpty()) {
            jpql.append(" and i.status in :statuses");
            parameters.put("statuses", query.statuses());
        }
        if (query.severity() != null) {
            jpql.append(" and i.severity = :severity");
            parameters.put("severity", query.severity());
        }
        if (query.keyId() != null) {
            jpql.append(" and exists (select 1 from Incident o join o.observables ob where o = i"
                    + " and ob.kind = dev.moat.incident.Observable.Kind.API_KEY and ob.value = :key)");
            parameters.put("key", query.keyId());
        }
        if (query.updatedSince() != null) {
            jpql.append(" and i.updatedAt >= :since");
            parameters.put("since", query.updatedSince());
        }
        if (query.beforeUpdatedAt() != null) {
            jpql.append(" and (i.updatedAt < :beforeTime or (i.updatedAt = :beforeTime and i.number < :beforeNumber))");
            parameters.put("beforeTime", query.beforeUpdatedAt());
            parameters.put("beforeNumber", query.beforeNumber());
        }
        jpql.append(" order by i.updatedAt desc, i.number desc");
        TypedQuery<Incident> typed = entityManager.createQuery(jpql.toString(), Incident.class)
                .setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }

    @Override
    public List<Incident> breachedUnnoted(Instant now) {
        return entityManager.createQuery("select i from Incident i where i.dueAt < :now and i.slaBreachNoted = false"
                        + " and i.resolvedAt is null", Incident.class)
                .setParameter("now", now)
                .setMaxResults(500)
                .getResultList();
    }

    @Override
    public List<Incident> changedAfter(Instant time, long number, int limit) {
        return entityManager.createQuery("select i from Incident i where i.updatedAt > :time "
                        + "or (i.updatedAt = :time and i.number > :number) order by i.updatedAt, i.number", Incident.class)
                .setParameter("time", time).setParameter("number", number).setMaxResults(limit).getResultList();
    }

    @Override
    public void append(TimelineEntry entry) {
        entityManager.persist(entry);
    }

    @Override
    public void attach(Evidence evidence) {
        entityManager.persist(evidence);
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id) {
        return entityManager.createQuery("select t from TimelineEntry t where t.incidentNumber = :number "
                        + "order by t.occurredAt, t.id", TimelineEntry.class)
                .setParameter("number", id.number())
                .getResultList();
    }

    @Override
    public List<Evidence> evidence(IncidentId id) {
        return entityManager.createQuery("select e from Evidence e where e.incidentNumber = :number "
                        + "order by e.addedAt, e.id", Evidence.class)
                .setParameter("number", id.number())
                .getResultList();
    }
}
