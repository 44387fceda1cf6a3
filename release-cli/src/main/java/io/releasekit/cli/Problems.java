package io.releasekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.client.invoker.ApiException;

/** Turns the service's problem+json answers into one line for the user. */
final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {}

    /** E.g. {@code 403 forbidden: principal 'ci' lacks role release-manager}. */
    static String describe(ApiException e) {
        String body = e.getResponseBody();
        if (body != null && body.startsWith("{")) {
            try {
                JsonNode p = MAPPER.readTree(body);
                String type = p.path("type").asText("");
                String name = type.substring(type.lastIndexOf('/') + 1);
                String detail = p.path("detail").asText(p.path("title").asText(""));
                return e.getCode() + " " + (name.isEmpty() ? "error" : name) + ": " + detail;
            } catch (java.io.IOException ignored) {
                // not JSON after all: show the body as it is
            }
        }
        return e.getCode() + ": " + (body == null || body.isBlank() ? e.getMessage() : body.strip());
    }
}
