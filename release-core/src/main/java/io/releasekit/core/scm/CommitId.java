package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The full id of a git object, usually a commit: 40 hexadecimal digits, kept in lower case.
 *
 * @param value the 40-digit hexadecimal id
 */
public record CommitId(String value) {

    private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");

    public CommitId {
        if (value == null || !HEX40.matcher(value).matches()) {
            throw new InvalidInputException(
                    "commit id '" + Text.printable(value, 64) + "' is not 40 hexadecimal digits");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** A commit id from text, validated. */
    public static CommitId of(String value) {
        return new CommitId(value);
    }

    /** Whether {@code text} is a full 40-digit id. */
    public static boolean isFull(String text) {
        return text != null && HEX40.matcher(text).matches();
    }

    /** The first 12 digits, enough to name a commit in messages. */
    public String abbreviated() {
        return value.substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
