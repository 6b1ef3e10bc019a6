package dev.moat.detection;

/**
 * The client software a request came from, told apart by the headers it sends, their order and the values that
 * describe the software (User-Agent, the OpenAI SDKs' {@code X-Stainless-*}), never by anything one request
 * carries alone (key, body length, trace ids). The stock SDKs share a fingerprint with thousands of users and
 * say little; a hydra's own build or fork says a lot.
 *
 * @param hash     the fingerprint (0 for none)
 * @param software the User-Agent, cut short, for evidence
 */
public record ClientFingerprint(long hash, String software) {

    public static final ClientFingerprint NONE = new ClientFingerprint(0, "");

    private static final int SOFTWARE_CHARS = 100;

    public ClientFingerprint {
        software = software == null ? "" : software.length() <= SOFTWARE_CHARS ? software
                : software.substring(0, SOFTWARE_CHARS);
    }

    boolean known() {
        return hash != 0;
    }
}
