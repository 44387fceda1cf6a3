package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * An OCI content descriptor: what a manifest says about a blob or a child manifest.
 *
 * @param mediaType the content's media type
 * @param digest the content's digest
 * @param size the content's size in bytes
 */
public record Descriptor(String mediaType, ImageDigest digest, long size) {

    /** Validates the parts. */
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new InvalidInputException("descriptor size must not be negative, was " + size + " for " + digest);
        }
    }
}
