package io.releasekit.core.image;

import java.util.Objects;

/**
 * What a copy did with one blob.
 *
 * @param blob the blob
 * @param how whether it was there already, mounted, streamed, or (dry run) would be copied
 */
public record BlobTransfer(Descriptor blob, How how) {

    /** How a blob reached the target repository. */
    public enum How {
        /** The target repository had it already. */
        PRESENT,
        /** The registry mounted it from the source repository: no bytes passed through releasekit. */
        MOUNTED,
        /** Its bytes were streamed from the source through releasekit to the target. */
        STREAMED,
        /** Dry run: it is missing in the target and would be mounted or streamed. */
        WOULD_COPY
    }

    /** Validates the parts. */
    public BlobTransfer {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(how, "how");
    }
}
