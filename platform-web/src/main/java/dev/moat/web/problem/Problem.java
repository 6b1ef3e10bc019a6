package dev.moat.web.problem;

import static dev.moat.domain.JsonOnce.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An RFC 9457 problem document, the one error shape of Moat's REST API. */
public record Problem(int status, String title, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail);
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** Writes and commits the response, so that nothing downstream replaces the body. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        byte[] body = toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
