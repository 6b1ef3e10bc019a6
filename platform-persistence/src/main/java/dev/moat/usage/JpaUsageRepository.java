package dev.moat.usage;

import dev.moat.persistence.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

@ApplicationScoped
class JpaUsageRepository implements UsageRepository {

    private static final String INSERT = "insert into usage_event (id, occurred_at, tenant_id, key_id, "
            + "client_address, country, asn, endpoint, model, prompt_tokens, completion_tokens, tokens_estimated, "
            + "latency_ms, status, decision, findings) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    private DataSource dataSource;

    /**
     * One JDBC batch in the caller's transaction, past Hibernate: the gateway writes an event per request, and
     * persisting them as entities took the writer 24.9 µs of CPU per event against 17.7 for this.
     */
    @Override
    public void addAll(Collection<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (UsageEvent event : events) {
                bind(insert, event.id(), event.facts());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Usage events not written: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement insert, String id, UsageEvent.Facts facts) throws SQLException {
        insert.setString(1, id);
        insert.setObject(2, OffsetDateTime.ofInstant(facts.occurredAt(), ZoneOffset.UTC));
        insert.setString(3, facts.tenantId());
        insert.setString(4, facts.keyId());
        insert.setString(5, facts.clientAddress());
        insert.setString(6, facts.country());
        if (facts.asn() == null) {
            insert.setNull(7, Types.BIGINT);
        } else {
            insert.setLong(7, facts.asn());
        }
        insert.setString(8, facts.endpoint());
        insert.setString(9, facts.model());
        insert.setLong(10, facts.promptTokens());
        insert.setLong(11, facts.completionTokens());
        insert.setBoolean(12, facts.tokensEstimated());
        insert.setLong(13, facts.latencyMillis());
        insert.setInt(14, facts.status());
        insert.setString(15, facts.decision());
        insert.setString(16, facts.findings());
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(entityManager.createQuery("select e.id from UsageEvent e where e.id in :ids", String.class)
                .setParameter("ids", ids).getResultList());
    }

    @Override
    public Optional<UsageEvent> lastOf(String keyId) {
        return entityManager.createQuery(
                        "select e from UsageEvent e where e.keyId = :key order by e.occurredAt desc, e.id desc",
                        UsageEvent.class)
                .setParameter("key", keyId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<UsageBucket> timeline(String tenantId, String keyId, Instant from, Instant to, long bucketSeconds) {
        if (bucketSeconds <= 0) {
            throw new IllegalArgumentException("bucketSeconds must be positive");
        }
        // The bucket size is a validated number written into the query: PostgreSQL sees two different parameters
        // in select and group by as two different expressions.
        String bucket = "floor(extract(epoch from e.occurredAt) / " + bucketSeconds + ")";
        String jpql = "select " + bucket + ", count(e), sum(case when e.status >= 400 then 1 else 0 end), "
                + "sum(e.promptTokens), sum(e.completionTokens) from UsageEvent e "
                + "where e.tenantId = :tenant and e.occurredAt >= :from and e.occurredAt < :to"
                + (keyId == null ? "" : " and e.keyId = :key")
                + " group by " + bucket;
        TypedQuery<Object[]> query = entityManager.createQuery(jpql, Object[].class)
                .setParameter("tenant", tenantId).setParameter("from", from).setParameter("to", to);
        if (keyId != null) {
            query.setParameter("key", keyId);
        }
        return query.getResultList().stream()
                .map(row -> new UsageBucket(Instant.ofEpochSecond(number(row[0]) * bucketSeconds), number(row[1]),
                        number(row[2]), number(row[3]), number(row[4])))
                .sorted(Comparator.comparing(UsageBucket::start))
                .toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Override
    public List<UsageEvent> find(UsageQuery query) {
        StringBuilder jpql = new StringBuilder("select e from UsageEvent e where 1 = 1");
        if (query.tenantId() != null) {
            jpql.append(" and e.tenantId = :tenant");
        }
        if (query.keyId() != null) {
            jpql.append(" and e.keyId = :key");
        }
        if (query.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
        }
        if (query.to() != null) {
            jpql.append(" and e.occurredAt < :to");
        }
        if (query.beforeTime() != null) {
            jpql.append(" and (e.occurredAt < :beforeTime or (e.occurredAt = :beforeTime and e.id < :beforeId))");
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<UsageEvent> typed = entityManager.createQuery(jpql.toString(), UsageEvent.class)
                .setMaxResults(query.limit());
        if (query.tenantId() != null) {
            typed.setParameter("tenant", query.tenantId());
        }
        if (query.keyId() != null) {
            typed.setParameter("key", query.keyId());
        }
        if (query.from() != null) {
            typed.setParameter("from", query.from());
        }
        if (query.to() != null) {
            typed.setParameter("to", query.to());
        }
        if (query.beforeTime() != null) {
            typed.setParameter("beforeTime", query.beforeTime()).setParameter("beforeId", query.beforeId());
        }
        return typed.getResultList();
    }
}
