package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.regex.Pattern;

/**
 * A content digest as OCI uses it: {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
 *
 * @param value the digest text
 */
public record ImageDigest(String value) {

    private static final Pattern FORM = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

    /** Validates the digest. */
    public ImageDigest {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInputException("'" + Text.printable(String.valueOf(value), 80)
                    + "' is not an OCI digest (expected sha256:<64 lowercase hex> or sha512:<128 lowercase hex>)");
        }
    }

    /** Parses a digest. */
    public static ImageDigest of(String value) {
        return new ImageDigest(value);
    }

    /** Whether {@code text} has the form of a digest. */
    public static boolean isDigest(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The algorithm, {@code sha256} or {@code sha512}. */
    public String algorithm() {
        return value.substring(0, value.indexOf(':'));
    }

    /** The hex part. */
    public String hex() {
        return value.substring(value.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
