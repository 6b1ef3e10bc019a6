package dev.moat.web.gateway;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.moat.detection.ClientFingerprint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads a request's {@link ClientFingerprint}: the names of its headers in the order sent, and the values of those
 * that describe the software. Leaves out what differs per request or per account (credentials, lengths, trace and
 * retry headers) and what proxies add on the way.
 */
final class ClientSoftware {

    /** Header names compared without regard to case, and without a lower-cased copy of each name per request. */
    private static final Set<String> PER_REQUEST = caseInsensitive("authorization", "content-length", "host", "cookie",
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip",
            "via", "traceparent", "tracestate", "baggage", "x-request-id", "idempotency-key", "openai-organization",
            "openai-project", "x-moat-timestamp", "x-moat-signature", "x-stainless-retry-count", "x-stainless-timeout",
            "x-stainless-read-timeout");
    private static final Set<String> DESCRIBING = caseInsensitive("user-agent", "accept", "accept-encoding", "accept-language",
            "x-stainless-lang", "x-stainless-package-version", "x-stainless-os", "x-stainless-arch",
            "x-stainless-runtime", "x-stainless-runtime-version", "x-stainless-async");
    private static final Hasher64 HASH = Hashing.komihash5_0();

    private ClientSoftware() {
    }

    static ClientFingerprint of(HttpServletRequest request) {
        return of(() -> request.getHeaderNames().asIterator(), request::getHeader);
    }

    static ClientFingerprint of(Iterable<String> headerNames, UnaryOperator<String> header) {
        HashStream64 hash = HASH.hashStream();
        String userAgent = null;
        for (String name : headerNames) {
            if (PER_REQUEST.contains(name)) {
                continue;
            }
            for (int i = 0; i < name.length(); i++) {
                hash.putChar(Character.toLowerCase(name.charAt(i))); // HTTP ignores a name's case
            }
            hash.putInt(name.length()); // so that "ab"+"c" and "a"+"bc" differ
            if (DESCRIBING.contains(name)) {
                String value = header.apply(name);
                hash.putString(value == null ? "" : value); // with its length
                userAgent = "user-agent".equalsIgnoreCase(name) ? value : userAgent;
            }
        }
        long fingerprint = hash.getAsLong();
        return new ClientFingerprint(fingerprint == 0 ? 1 : fingerprint, userAgent); // 0 means none
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
