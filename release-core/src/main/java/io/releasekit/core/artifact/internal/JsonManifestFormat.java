package io.releasekit.core.artifact.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestEntry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The JSON manifest: <code>{"algorithm":"sha256","artifacts":[{"name":..,"size":..,"sha256":..}]}</code>. The digest
 * field is named after the algorithm ({@code sha256} or {@code sha512}); every field is required and no other is
 * accepted.
 */
public final class JsonManifestFormat {

    private static final String WHAT = "manifest JSON";

    private JsonManifestFormat() {}

    /** Parses and checks the schema. */
    public static ArtifactManifest parse(byte[] content) {
        Object root = StrictJson.parse(decode(content), WHAT);
        if (!(root instanceof Map<?, ?> top)) {
            throw schema("the top level must be an object");
        }
        onlyKeys(top, Set.of("algorithm", "artifacts"), "the top level");
        String id = string(top, "algorithm", "the top level");
        DigestAlgorithm algorithm = java.util.Arrays.stream(DigestAlgorithm.values())
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () -> schema("\"algorithm\" must be \"sha256\" or \"sha512\", was \"" + abbreviate(id) + "\""));
        if (!(top.get("artifacts") instanceof List<?> list)) {
            throw schema("\"artifacts\" must be an array");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "artifacts[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> a)) {
                throw schema(where + " must be an object");
            }
            onlyKeys(a, Set.of("name", "size", algorithm.id()), where);
            String digest = string(a, algorithm.id(), where);
            if (!digest.matches("[0-9a-f]{" + algorithm.hexLength() + "}")) {
                throw schema(where + "." + algorithm.id() + " must be " + algorithm.hexLength()
                        + " lower-case hex digits, was '" + abbreviate(digest) + "'");
            }
            entries.add(new ManifestEntry(string(a, "name", where), digest, OptionalLong.of(size(a, where)), true));
        }
        return ArtifactManifest.of(algorithm, entries);
    }

    /** Writes the manifest, one artifact per line. */
    public static String write(ArtifactManifest m) {
        StringBuilder b = new StringBuilder();
        b.append("{\"algorithm\":").append(StrictJson.quote(m.algorithm().id())).append(",\"artifacts\":[");
        String sep = "\n";
        for (ManifestEntry e : m.entries()) {
            if (e.size().isEmpty()) {
                throw new InvalidInputException(
                        "'" + e.name() + "' has no size; the JSON manifest records the size of every artifact");
            }
            b.append(sep)
                    .append("{\"name\":")
                    .append(StrictJson.quote(e.name()))
                    .append(",\"size\":")
                    .append(e.size().getAsLong())
                    .append(",\"")
                    .append(m.algorithm().id())
                    .append("\":\"")
                    .append(e.digest())
                    .append("\"}");
            sep = ",\n";
        }
        return b.append("\n]}\n").toString();
    }

    private static void onlyKeys(Map<?, ?> m, Set<String> allowed, String where) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw schema(where + " has an unknown field \"" + abbreviate(String.valueOf(k)) + "\"; expected "
                        + allowed.stream().sorted().toList());
            }
        }
        for (String k : allowed) {
            if (!m.containsKey(k)) {
                throw schema(where + " lacks the field \"" + k + "\"");
            }
        }
    }

    private static String string(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof String v)) {
            throw schema(where + "." + key + " must be a string");
        }
        return v;
    }

    private static long size(Map<?, ?> m, String where) {
        if (!(m.get("size") instanceof BigDecimal n)) {
            throw schema(where + ".size must be a number");
        }
        try {
            long v = n.longValueExact();
            if (v < 0) {
                throw schema(where + ".size must not be negative, was " + v);
            }
            return v;
        } catch (ArithmeticException e) {
            throw schema(where + ".size must be a whole number of bytes, was " + n);
        }
    }

    private static InvalidInputException schema(String problem) {
        return new InvalidInputException(WHAT + " does not fit the schema: " + problem);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(WHAT + " is not valid UTF-8", e);
        }
    }
}
