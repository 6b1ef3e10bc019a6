package dev.moat.web.gateway;

import dev.moat.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletResponse;

/** OpenAI's rate-limit headers, so clients back off the way they already do against OpenAI. */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static void write(RateLimiter.Decision decision, HttpServletResponse response) {
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
        if (decision.requestLimit() != null) {
            response.setHeader("x-ratelimit-limit-requests", decision.requestLimit().toString());
            response.setHeader("x-ratelimit-remaining-requests", Long.toString(Math.max(0, decision.remainingRequests())));
            response.setHeader("x-ratelimit-reset-requests", decision.requestResetSeconds() + "s");
        }
        if (decision.tokenLimit() != null) {
            response.setHeader("x-ratelimit-limit-tokens", decision.tokenLimit().toString());
            response.setHeader("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, decision.remainingTokens())));
        }
    }
}
