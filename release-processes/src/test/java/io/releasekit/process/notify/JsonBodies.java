package io.releasekit.process.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reads a field of a JSON request body that WireMock recorded. */
final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {}

    /** The string field {@code name} of a JSON object body, empty when the body is not JSON or has no such string. */
    static Optional<String> text(String body, String name) {
        try {
            JsonNode n = MAPPER.readTree(body == null ? "" : body);
            JsonNode v = n == null ? null : n.get(name);
            return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
