package io.releasekit.notify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * JSON on Micronaut's {@link JsonNode} tree and Jackson's streaming parser: no object mapper, no application context,
 * nothing to start, so the adapters work standalone.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeTreeCodec CODEC = JsonNodeTreeCodec.getInstance();

    private Json() {}

    /** Serialises maps, lists, strings, numbers and booleans (in insertion order) to UTF-8 JSON. */
    public static byte[] write(Map<String, ?> value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            CODEC.writeTree(g, JsonNode.from(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Parses JSON text, or answers an empty object when the text is not JSON (an HTML error page of a proxy). */
    public static JsonNode parseOrEmpty(String text) {
        if (text == null || text.isBlank()) {
            return JsonNode.createObjectNode(Map.of());
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonNode n = CODEC.readTree(p);
            return n == null ? JsonNode.createObjectNode(Map.of()) : n;
        } catch (IOException | RuntimeException e) {
            return JsonNode.createObjectNode(Map.of());
        }
    }

    /** The string at a path of object keys, if every key exists and the value is a string. */
    public static Optional<String> text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isString() ? Optional.of(n.getStringValue()) : Optional.empty();
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
