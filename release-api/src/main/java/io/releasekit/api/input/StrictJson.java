package io.releasekit.api.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.releasekit.core.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body as exactly one JSON document, refusing what a lenient reader lets through: a byte order mark or
 * a non-UTF-8 encoding, anything after the document (trailing tokens, a second document), duplicate member names,
 * nesting deeper than {@value #MAX_DEPTH}. The result is a plain tree: {@link Map} (members in order), {@link List},
 * {@link String}, {@link Boolean}, {@link BigInteger} (an integer literal), {@link BigDecimal} (a number with a fraction
 * or exponent) and {@link #NULL}.
 */
public final class StrictJson {

    /** The JSON {@code null} literal in a tree. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** How deep objects and arrays may nest. */
    public static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(100)
                    .build())
            .build();

    private StrictJson() {}

    /**
     * Parses one JSON document.
     *
     * @throws InvalidInputException naming what is wrong and where (line and column)
     */
    public static Object parse(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw new InvalidInputException(
                    "the request body starts with a byte order mark: send UTF-8 JSON without one");
        }
        if (body.length >= 2
                && (body[0] == 0 || body[1] == 0 || (body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF)) {
            throw new InvalidInputException("the request body is not UTF-8: send UTF-8 JSON");
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException("the request body is empty: send one JSON document");
            }
            Object tree = read(p, first, "");
            boolean more;
            try {
                more = p.nextToken() != null;
            } catch (JsonParseException trailingGarbage) {
                more = true;
            }
            if (more) {
                throw new InvalidInputException("the request body has more after its JSON document (line "
                        + p.currentLocation().getLineNr() + ", column "
                        + p.currentLocation().getColumnNr()
                        + "): send exactly one document");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("the request body is too deeply nested or too long (at most " + MAX_DEPTH
                    + " levels of objects and arrays)");
        } catch (JsonParseException e) {
            throw new InvalidInputException("the request body is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed"));
        } catch (IOException e) {
            throw new InvalidInputException("the request body cannot be read as JSON: " + e.getMessage());
        }
    }

    private static Object read(JsonParser p, JsonToken t, String path) throws IOException {
        return switch (t) {
            case START_OBJECT -> readObject(p, path);
            case START_ARRAY -> readArray(p, path);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new InvalidInputException("unexpected " + t + " at " + Members.display(path));
        };
    }

    private static Map<String, Object> readObject(JsonParser p, String path) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String memberPath = Members.child(path, name);
            Object value = read(p, p.nextToken(), memberPath);
            if (members.putIfAbsent(name, value) != null) {
                throw new InvalidInputException("member '" + memberPath + "' appears twice: send it once");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new InvalidInputException("malformed object at " + Members.display(path));
        }
        return members;
    }

    private static List<Object> readArray(JsonParser p, String path) throws IOException {
        List<Object> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new InvalidInputException("unterminated array at " + Members.display(path));
            }
            items.add(read(p, t, path + "[" + items.size() + "]"));
        }
        return items;
    }
}
