package io.releasekit.core.artifact.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;

/** Location prefixes ({@code 1a2b3c4/}) and the keys of manifest names below them. */
public final class Prefixes {

    private Prefixes() {}

    /**
     * A prefix in canonical form: empty (the store's root) or a valid key ending in {@code /}.
     *
     * @throws InvalidInputException naming the prefix when it is absolute or would escape the store
     */
    public static String normalize(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        try {
            ArtifactKey.of(p);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("prefix '" + prefix + "' is refused: " + e.getMessage(), e);
        }
        return p + "/";
    }

    /** A manifest name without leading {@code ./} segments (as {@code sha256sum ./*} writes them). */
    public static String relative(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }

    /**
     * The key of a manifest entry below a (normalised) prefix.
     *
     * @throws InvalidInputException naming the entry when it is absolute, traverses ({@code ..}) or has a control
     *     character or backslash
     */
    public static ArtifactKey keyOf(String prefix, String name) {
        try {
            return ArtifactKey.of(prefix + relative(name));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "manifest entry '" + printable(name) + "' cannot be an artifact: " + e.getMessage(), e);
        }
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }
}
