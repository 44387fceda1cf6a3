package io.releasekit.core.scm;

import io.releasekit.core.version.SemVer;
import java.util.Optional;

/**
 * Finds the commit that set the VERSION file to a value: the oldest commit reachable from {@link #from(String)} whose
 * VERSION (trimmed) is the value while none of its parents' is. Throws {@link io.releasekit.core.NotFoundException}
 * naming the value when there is none.
 *
 * <pre>{@code
 * VersionCommit c = repo.findVersionCommit("2.1.0").from("main").call();
 * }</pre>
 */
public abstract class VersionCommitQuery extends ScmCommand<VersionCommit, VersionCommitQuery> {

    private final SemVer version;
    private String from = "HEAD";
    private String versionFile;

    /**
     * @param version the VERSION value, validated at once
     */
    protected VersionCommitQuery(String version) {
        this.version = SemVer.parse(version);
    }

    /** Where to search history from, as a revision; {@code HEAD} by default. */
    public VersionCommitQuery from(String revision) {
        this.from = ScmArguments.revision("history start", revision);
        return this;
    }

    /** The VERSION file's path, when it is not the repository's configured one. */
    public VersionCommitQuery versionFile(String path) {
        this.versionFile = ScmArguments.filePath("version file", path);
        return this;
    }

    /** The value to look for. */
    protected SemVer version() {
        return version;
    }

    /** The revision history is searched from. */
    protected String from() {
        return from;
    }

    /** The VERSION file path if one was given. */
    protected Optional<String> versionFile() {
        return Optional.ofNullable(versionFile);
    }
}
