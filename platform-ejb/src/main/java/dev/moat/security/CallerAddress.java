package dev.moat.security;

import java.util.Optional;

/** The network address the current request came from, as the web layer resolves it (trusted proxies included). */
public interface CallerAddress {

    Optional<String> current();
}
