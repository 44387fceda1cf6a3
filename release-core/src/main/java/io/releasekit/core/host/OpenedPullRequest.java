package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * The pull request {@link ReleaseHost#openPullRequest(FilePullRequest)} opened or found.
 *
 * @param number its number
 * @param url its web address ({@code https://github.com/packit/packit.dev/pull/812})
 * @param created whether this call opened it; false when it was already open (a rerun)
 */
public record OpenedPullRequest(int number, String url, boolean created) {

    public OpenedPullRequest {
        if (number <= 0) {
            throw new InvalidInputException("pull request number must be positive, was " + number);
        }
        Objects.requireNonNull(url, "url");
    }
}
