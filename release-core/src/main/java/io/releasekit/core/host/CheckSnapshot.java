package io.releasekit.core.host;

import java.util.List;
import java.util.Objects;

/**
 * Every check reported for one commit at one moment.
 *
 * @param ref the ref that was asked for (a branch, tag or commit id)
 * @param sha the commit it resolved to
 * @param runs the checks
 */
public record CheckSnapshot(String ref, String sha, List<CheckRun> runs) {

    public CheckSnapshot {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha, "sha");
        runs = List.copyOf(runs);
    }
}
