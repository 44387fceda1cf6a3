package io.releasekit.core.scm;

/**
 * A validated short tag name ({@code v1.2.3}, {@code release-0.1.2}).
 *
 * @param value the name without {@code refs/tags/}
 */
public record TagName(String value) {

    public TagName {
        RefNames.require("tag name", value);
    }

    /** A tag name from text, validated. */
    public static TagName of(String value) {
        return new TagName(value);
    }

    /** The full ref, {@code refs/tags/<name>}. */
    public String ref() {
        return "refs/tags/" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
