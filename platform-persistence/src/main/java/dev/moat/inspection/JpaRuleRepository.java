package dev.moat.inspection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaRuleRepository implements RuleRepository {

    @PersistenceContext(unitName = "moat")
    private EntityManager entityManager;

    @Override
    public void add(StoredRule rule) {
        entityManager.persist(rule);
    }

    @Override
    public Optional<StoredRule> find(String ruleId) {
        return Optional.ofNullable(entityManager.find(StoredRule.class, ruleId));
    }

    @Override
    public List<StoredRule> current() {
        return entityManager.createQuery("select r from StoredRule r where r.deletedAt is null order by r.id",
                StoredRule.class).getResultList();
    }

    @Override
    public List<String> ids() {
        return entityManager.createQuery("select r.id from StoredRule r", String.class).getResultList();
    }

    @Override
    public void add(StoredRuleVersion version) {
        entityManager.persist(version);
    }

    @Override
    public List<StoredRuleVersion> versions(String ruleId) {
        return entityManager.createQuery("select v from StoredRuleVersion v where v.ruleId = :rule order by v.version",
                StoredRuleVersion.class).setParameter("rule", ruleId).getResultList();
    }
}
