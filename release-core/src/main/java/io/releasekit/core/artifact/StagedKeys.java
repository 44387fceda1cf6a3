package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a staged write puts an object before it has been verified: next to its final key, under a name that ends
 * differently ({@code dist/app.zip} → {@code dist/app.zip.releasekit-staged-<token>}), so a reader listing the
 * release, or a bucket notification filtered on a prefix and a suffix ({@code .zip}), never sees an unverified object
 * at a final key. The token (12 lower-case hex digits or letters) ties the staged copy to one publication, so a rerun
 * finds its own staged copies again.
 */
public final class StagedKeys {

    /** What separates a final key from the staging suffix. */
    public static final String MARKER = ".releasekit-staged-";

    private static final Pattern TOKEN = Pattern.compile("[0-9a-z]{1,32}");
    private static final Pattern STAGED = Pattern.compile("(.+)" + Pattern.quote(MARKER) + "([0-9a-z]{1,32})");

    private StagedKeys() {}

    /** The staged key of {@code finalKey} for the publication {@code token}. */
    public static ArtifactKey stagedKey(ArtifactKey finalKey, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("staging token '" + token + "' is not 1-32 lower-case letters or digits");
        }
        return ArtifactKey.of(finalKey.value() + MARKER + token);
    }

    /** The final key a staged key stands for, or empty for a key that is not a staged copy. */
    public static Optional<ArtifactKey> finalKeyOf(ArtifactKey key) {
        Matcher m = STAGED.matcher(key.value());
        return m.matches() ? Optional.of(ArtifactKey.of(m.group(1))) : Optional.empty();
    }

    /** Whether {@code name} (a key or a name relative to a location) is a staged copy. */
    public static boolean isStaged(String name) {
        return STAGED.matcher(name).matches();
    }
}
