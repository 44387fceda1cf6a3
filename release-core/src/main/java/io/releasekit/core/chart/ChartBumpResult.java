package io.releasekit.core.chart;

import io.releasekit.core.scm.CommitOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What a chart bump changed (or, in a dry run, would change) and the commit.
 *
 * @param changes each rewritten value
 * @param commit the commit (in a dry run: the one it would make)
 * @param dryRun whether nothing was written
 */
public record ChartBumpResult(List<Change> changes, CommitOutcome commit, boolean dryRun) {

    /** Copies the changes. */
    public ChartBumpResult {
        changes = List.copyOf(changes);
        Objects.requireNonNull(commit, "commit");
    }

    /**
     * One rewritten value.
     *
     * @param file the file
     * @param path the YAML path
     * @param from the old value
     * @param to the new value
     */
    public record Change(String file, String path, String from, String to) {
        public Change {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
