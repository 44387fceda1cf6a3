package io.releasekit.core.host;

import java.util.Objects;

/**
 * The answer to a release creation: the release, and whether this call created it or found it already there.
 *
 * @param release the release for the tag
 * @param created {@code true} when this call created it, {@code false} when an identical one already existed
 */
public record CreatedRelease(Release release, boolean created) {

    public CreatedRelease {
        Objects.requireNonNull(release, "release");
    }
}
