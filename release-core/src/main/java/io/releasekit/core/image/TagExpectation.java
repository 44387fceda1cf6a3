package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tag must show before a wait for it ends: any digest, a given digest, or a given label value (e.g. the git
 * commit in {@code org.opencontainers.image.revision}).
 *
 * @param digest the digest the tag must name, if any
 * @param label the label that must be present, if any
 * @param labelValue the value the label must have
 */
public record TagExpectation(Optional<ImageDigest> digest, Optional<String> label, Optional<String> labelValue) {

    /** Validates that a label comes with its value. */
    public TagExpectation {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(labelValue, "labelValue");
        if (label.isPresent() != labelValue.isPresent()) {
            throw new InvalidInputException("a label expectation needs both the label and its value");
        }
        if (label.isPresent() && label.get().isBlank()) {
            throw new InvalidInputException("the expected label's name is empty");
        }
    }

    /** The tag exists, at any digest. */
    public static TagExpectation exists() {
        return new TagExpectation(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The tag names this digest. */
    public static TagExpectation digest(ImageDigest digest) {
        return new TagExpectation(Optional.of(digest), Optional.empty(), Optional.empty());
    }

    /** The image's label has this value. */
    public static TagExpectation label(String label, String value) {
        return new TagExpectation(Optional.empty(), Optional.of(label), Optional.of(value));
    }

    /** The image was built from this git commit ({@value ImageConfig#REVISION_LABEL}). */
    public static TagExpectation revision(String commit) {
        return label(ImageConfig.REVISION_LABEL, commit);
    }

    /** Whether the label expectation needs the image config. */
    boolean needsConfig() {
        return label.isPresent();
    }

    @Override
    public String toString() {
        return digest.map(d -> "at " + d)
                .or(() -> label.map(l -> "with label " + l + "=" + labelValue.orElse("")))
                .orElse("to exist");
    }
}
