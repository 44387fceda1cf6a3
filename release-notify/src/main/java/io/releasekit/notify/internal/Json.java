package io.releasekit.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** JSON on Jackson's tree model: one shared mapper, nothing to start, so the adapters work standalone. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Serialises maps, lists, strings, numbers and booleans (in insertion order) to UTF-8 JSON. */
    public static byte[] write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text, or answers an empty object when the text is not JSON (an HTML error page of a proxy). */
    public static JsonNode parseOrEmpty(String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode n = MAPPER.readTree(text);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
        } catch (JsonProcessingException | RuntimeException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** The string at a path of object keys, if every key exists and the value is a string. */
    public static Optional<String> text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** The node at a path of object keys, or {@code null}. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(key);
        }
        return n;
    }
}
