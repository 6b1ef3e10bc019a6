package dev.moat.web.gateway;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An error in OpenAI's shape, so that every OpenAI SDK shows it as its own: {@code {"error": {...}}}. */
record OpenAiError(int status, String type, String code, String message) {

    static final OpenAiError INVALID_KEY = new OpenAiError(401, "invalid_request_error", "invalid_api_key",
            "Incorrect API key provided.");
    static final OpenAiError INVALID_SIGNATURE = new OpenAiError(401, "invalid_request_error", "invalid_signature",
            "This tenant requires signed requests: X-Moat-Signature is missing, wrong, expired or replayed.");
    static final OpenAiError ADDRESS_NOT_ALLOWED = new OpenAiError(403, "permission_error", "ip_not_allowed",
            "This key may not be used from your address.");
    /** Names no policy detail: a caller probing the fence learns nothing from the answer. */
    static final OpenAiError GEO_DENIED = new OpenAiError(403, "permission_error", "geo_denied",
            "Access from your location is not allowed.");
    static final OpenAiError BLOCKED_BY_INSPECTION = new OpenAiError(403, "permission_error", "blocked_by_inspection",
            "This request was refused by the model owner's usage policy.");
    static final OpenAiError MODEL_NOT_ALLOWED = new OpenAiError(403, "permission_error", "model_not_allowed",
            "This key may not use the requested model.");
    static final OpenAiError RATE_LIMITED = new OpenAiError(429, "rate_limit_error", "rate_limited",
            "Rate or token limit reached; retry after the time in Retry-After.");
    /** A body that stopped arriving: the container gives up waiting after its read timeout (30 s). */
    static final OpenAiError BODY_INCOMPLETE = new OpenAiError(408, "invalid_request_error", "request_timeout",
            "The request body did not arrive in full.");
    static final OpenAiError UPSTREAM_UNREACHABLE = new OpenAiError(502, "api_error", "upstream_unreachable",
            "The model server could not be reached.");
    static final OpenAiError UPSTREAM_TIMEOUT = new OpenAiError(504, "api_error", "upstream_timeout",
            "The model server did not answer in time.");

    static OpenAiError badRequest(String message) {
        return new OpenAiError(400, "invalid_request_error", "invalid_request", message);
    }

    static OpenAiError notFound(String message) {
        return new OpenAiError(404, "invalid_request_error", "unknown_url", message);
    }

    static OpenAiError tooLarge(long limit) {
        return new OpenAiError(413, "invalid_request_error", "request_too_large",
                "The request body is larger than " + limit + " bytes.");
    }

    String toJson() {
        return JSON.createObjectBuilder().add("error", JSON.createObjectBuilder()
                .add("message", message).add("type", type).add("code", code)).build().toString();
    }

    void writeTo(HttpServletResponse response) throws IOException {
        byte[] body = toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
