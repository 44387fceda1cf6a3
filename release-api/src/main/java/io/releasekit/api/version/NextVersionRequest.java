package io.releasekit.api.version;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.version.Bump;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Asks for the next release number.
 *
 * @param tags existing tag names (e.g. the output of {@code git tag})
 * @param prefix the tag prefix, e.g. {@code release-} or {@code v}; empty when absent
 * @param bump which part to raise; PATCH when absent
 */
@Serdeable
@Schema(
        example =
                "{\"tags\":[\"release-0.1.0\",\"release-0.1.1\",\"v9.0.0\"],\"prefix\":\"release-\",\"bump\":\"PATCH\"}")
public record NextVersionRequest(
        @NotNull @Size(max = 100_000) List<@NotNull @Size(max = 255) String> tags,
        @Nullable @Size(max = 100) String prefix,
        @Nullable @Schema(type = "string") Bump bump) {

    /** At most this many tags. */
    static final int MAX_TAGS = 100_000;
    /** A tag has at most this many characters. */
    static final int MAX_TAG_LENGTH = 255;
    /** A prefix has at most this many characters. */
    static final int MAX_PREFIX_LENGTH = 100;

    // The limits are checked here, once per request, not by bean validation: per-element constraints on the tag list
    // cost more CPU than the rest of the operation (docs/benchmarks.md, session 6). The annotations above stay for the
    // OpenAPI file (maxItems, maxLength).
    /**
     * Checks the limits the schema declares.
     *
     * @throws InvalidInputException naming the member and the value
     */
    public NextVersionRequest {
        if (tags == null) {
            throw new InvalidInputException("'tags' is required: send the existing tag names (may be empty)");
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException(
                    "'tags' has " + tags.size() + " entries; at most " + MAX_TAGS + " are accepted");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null) {
                throw new InvalidInputException("'tags[" + i + "]' is null: a tag name is required");
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("'tags[" + i + "]' is " + tag.length() + " characters long, at most "
                        + MAX_TAG_LENGTH + " are accepted: \"" + shorten(tag) + "\"");
            }
        }
        if (prefix != null && prefix.length() > MAX_PREFIX_LENGTH) {
            throw new InvalidInputException("'prefix' is " + prefix.length() + " characters long, at most "
                    + MAX_PREFIX_LENGTH + " are accepted: \"" + shorten(prefix) + "\"");
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    String prefixOrEmpty() {
        return prefix == null ? "" : prefix;
    }

    Bump bumpOrPatch() {
        return bump == null ? Bump.PATCH : bump;
    }
}
