package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.Prefixes;
import io.releasekit.core.internal.Text;

/**
 * A normalised key of an object in an {@link ArtifactStore}, relative to the store's root or prefix: segments joined
 * by {@code /}, no empty, {@code .} or {@code ..} segment, no leading {@code /}, no backslash, NUL or other control
 * character, at most 1024 characters. A key can never escape its store.
 *
 * @param value the normalised key, e.g. {@code 1a2b3c/ferrocene-1.0.tar.xz}
 */
public record ArtifactKey(String value) implements Comparable<ArtifactKey> {

    /** The longest key accepted (the S3 limit). */
    public static final int MAX_LENGTH = 1024;

    public ArtifactKey {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidInputException("artifact key '" + Text.printable(value, 80) + "' is refused: " + problem);
        }
    }

    /**
     * A key prefix in canonical form: empty (the store's root) or a valid key ending in {@code /}.
     *
     * @throws InvalidInputException naming the prefix when it is absolute or would escape the store
     */
    public static String prefix(String prefix) {
        return Prefixes.normalize(prefix);
    }

    /** A key from text, validated. */
    public static ArtifactKey of(String value) {
        return new ArtifactKey(value);
    }

    /** The key of {@code child} below this key used as a directory. */
    public ArtifactKey resolve(String child) {
        return of(value + "/" + child);
    }

    /** The last segment, e.g. the file name. */
    public String fileName() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }

    @Override
    public int compareTo(ArtifactKey o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String v) {
        if (v == null || v.isEmpty()) {
            return "it is empty";
        }
        if (v.length() > MAX_LENGTH) {
            return "it is " + v.length() + " characters long; at most " + MAX_LENGTH;
        }
        if (v.startsWith("/")) {
            return "it is absolute";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) {
                return "it contains NUL";
            }
            if (c < 0x20 || c == 0x7f) {
                return "it contains a control character";
            }
            if (c == '\\') {
                return "it contains a backslash";
            }
        }
        if (v.length() >= 2 && v.charAt(1) == ':' && Character.isLetter(v.charAt(0))) {
            return "it looks like a drive path";
        }
        for (String segment : v.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' segment";
            }
        }
        return null;
    }
}
