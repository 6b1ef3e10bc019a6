package dev.moat.idempotency;

import java.util.Optional;

/** POSTs already answered, by caller and Idempotency-Key. */
public interface IdempotentRequestRepository {

    Optional<IdempotentRequest> find(String callerKey);

    /** Stores the answer now, so that a concurrent retry waits on it and then fails instead of doing it twice. */
    void add(IdempotentRequest request);
}
