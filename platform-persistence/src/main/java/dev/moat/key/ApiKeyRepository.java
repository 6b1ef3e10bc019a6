package dev.moat.key;

import dev.moat.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** API keys as the domain sees them; used only by application services. */
public interface ApiKeyRepository {

    Optional<ApiKey> find(KeyId id);

    List<ApiKey> findByTenant(TenantId tenant);

    /** The ids of all keys, whatever their status. */
    List<String> allIds();

    void add(ApiKey key);
}
