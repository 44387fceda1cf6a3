package io.releasekit.core.scm;

import io.releasekit.core.version.SemVer;
import java.util.Objects;

/**
 * The commit that set a VERSION file to a value.
 *
 * @param commit the commit
 * @param version the value it set
 * @param path the VERSION file's path
 * @param commitsExamined how many commits the search looked at (for diagnostics and benchmarks)
 */
public record VersionCommit(CommitId commit, SemVer version, String path, long commitsExamined) {

    public VersionCommit {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
    }
}
