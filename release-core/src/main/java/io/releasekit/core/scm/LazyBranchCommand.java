package io.releasekit.core.scm;

import io.releasekit.core.version.SemVer;
import java.util.Optional;

/**
 * Lazy branching (seed 003, Aether): creates a release branch at the commit that set the VERSION file to a value —
 * the oldest commit reachable from {@link #from(String)} whose VERSION is that value while its parents' is not.
 *
 * <pre>{@code
 * repo.lazyBranch("aether-2.1").forVersion("2.1.0").from("main").call();
 * }</pre>
 *
 * <p>When the branch already exists and contains that commit, the command answers {@link
 * BranchOutcome.AlreadyExists} (the branch was cut earlier and may carry fixes); when it exists but does not contain
 * it, the command throws {@link io.releasekit.core.ConflictException}. No such commit: {@link
 * io.releasekit.core.NotFoundException} naming the version.
 */
public abstract class LazyBranchCommand extends ScmWriteCommand<BranchOutcome, LazyBranchCommand> {

    private final BranchName branch;
    private SemVer version;
    private String from = "HEAD";
    private String versionFile;

    /**
     * @param branch the branch name, validated at once
     */
    protected LazyBranchCommand(String branch) {
        this.branch = BranchName.of(branch);
    }

    /** The VERSION value whose commit the branch starts at; required. */
    public LazyBranchCommand forVersion(String version) {
        this.version = SemVer.parse(version);
        return this;
    }

    /** Where to search history from, as a revision; {@code HEAD} by default. */
    public LazyBranchCommand from(String revision) {
        this.from = ScmArguments.revision("history start", revision);
        return this;
    }

    /** The VERSION file's path, when it is not the repository's configured one. */
    public LazyBranchCommand versionFile(String path) {
        this.versionFile = ScmArguments.filePath("version file", path);
        return this;
    }

    @Override
    protected void validate() {
        ScmArguments.required("version (forVersion)", version);
    }

    /** The branch to create. */
    protected BranchName branch() {
        return branch;
    }

    /** The VERSION value to look for. */
    protected SemVer version() {
        return version;
    }

    /** The revision history is searched from. */
    protected String from() {
        return from;
    }

    /** The VERSION file path if one was given; otherwise the repository's own. */
    protected Optional<String> versionFile() {
        return Optional.ofNullable(versionFile);
    }
}
