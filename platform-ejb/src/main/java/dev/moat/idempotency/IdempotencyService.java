package dev.moat.idempotency;

import dev.moat.domain.DomainRuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a POST happen once per caller and Idempotency-Key. Runs inside the caller's transaction: the answer is
 * remembered in the same commit as the change, so a retry finds either both or neither, and a concurrent retry
 * fails on the stored key instead of writing a duplicate.
 */
@ApplicationScoped
public class IdempotencyService {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotentRequestRepository requests;
    private final Clock clock;

    /** For CDI's client proxy only. */
    protected IdempotencyService() {
        this(null, null);
    }

    @Inject
    public IdempotencyService(IdempotentRequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /** What a request is, for telling a retry from a different request under the same key. */
    public record Request(String caller, String operation, String key, String bodyHash) {
        public Request {
            if (key != null && !KEY.matcher(key).matches()) {
                throw new DomainRuleViolation("Idempotency-Key must be 1 to 255 visible ASCII characters");
            }
        }

        String callerKey() {
            return caller + "|" + operation + "|" + key;
        }
    }

    /**
     * The id of the earlier result when this request was answered before, otherwise the id that {@code action}
     * returns, remembered. Without a key, the action simply runs.
     *
     * @throws IdempotencyKeyReused when the key came with a different request before
     */
    public String once(Request request, Supplier<String> action) {
        if (request.key() == null) {
            return action.get();
        }
        Optional<IdempotentRequest> earlier = requests.find(request.callerKey());
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(request.bodyHash())) {
                throw new IdempotencyKeyReused();
            }
            return earlier.get().resultId();
        }
        String resultId = action.get();
        requests.add(new IdempotentRequest(request.callerKey(), request.bodyHash(), resultId, clock.instant()));
        return resultId;
    }
}
