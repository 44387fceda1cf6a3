package io.releasekit.core.scm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cherry-picks commits onto a branch, in the order given, without touching any other branch:
 *
 * <pre>{@code
 * repo.cherryPick("aether-2.1").commits(List.of(fixId)).bumpPatch(true).call();
 * }</pre>
 *
 * <p>The result is {@link PickOutcome.Picked} (the branch moved, optionally with a VERSION patch bump carried by the
 * last picked commit), {@link PickOutcome.Conflicted} (the files; the branch, index and working tree are exactly as before — all
 * or nothing), or {@link PickOutcome.AlreadyApplied} (every commit is already on the branch, as an ancestor or as a
 * pick recorded with {@code (cherry picked from commit …)}, or would change nothing). Each pick records its source
 * like {@code git cherry-pick -x}, which makes a retried pick a no-op.
 */
public abstract class CherryPickCommand extends ScmWriteCommand<PickOutcome, CherryPickCommand> {

    /** At most this many commits in one call. */
    public static final int MAX_COMMITS = 100;

    private final BranchName branch;
    private final List<String> commits = new ArrayList<>();
    private boolean bumpPatch;
    private boolean separateBumpCommit;
    private String versionFile;

    /**
     * @param branch the branch to pick onto, validated at once
     */
    protected CherryPickCommand(String branch) {
        this.branch = BranchName.of(branch);
    }

    /** Adds commits to pick (commit ids or other revisions), in order. */
    public CherryPickCommand commits(List<String> revisions) {
        ScmArguments.required("commits", revisions).forEach(this::commit);
        return this;
    }

    /** Adds one commit to pick. */
    public CherryPickCommand commit(String revision) {
        commits.add(ScmArguments.revision("commit to pick", revision));
        if (commits.size() > MAX_COMMITS) {
            throw new io.releasekit.core.InvalidInputException(
                    "at most " + MAX_COMMITS + " commits can be picked in one call");
        }
        return this;
    }

    /**
     * Whether to raise the VERSION file's patch number in the same operation, following {@link
     * io.releasekit.core.version.VersionPolicy#patchForFix} ({@code 2.1.0} → {@code 2.1.1}, {@code 2.1.1-dev} → {@code
     * 2.1.1}). The last picked commit carries the new VERSION in its tree, and its message says so before the {@code
     * (cherry picked from commit …)} line: one commit holding the fix and the version, which is what a release tag
     * should name. See {@link #separateBumpCommit(boolean)} for a commit of its own.
     */
    public CherryPickCommand bumpPatch(boolean bumpPatch) {
        this.bumpPatch = bumpPatch;
        return this;
    }

    /**
     * With {@link #bumpPatch(boolean)}: put the VERSION change in a commit of its own after the picks ({@code Set
     * VERSION to x.y.n}), as releasekit did before the bump became part of the pick. Off by default.
     */
    public CherryPickCommand separateBumpCommit(boolean separate) {
        this.separateBumpCommit = separate;
        return this;
    }

    /** The VERSION file's path, when it is not the repository's configured one. */
    public CherryPickCommand versionFile(String path) {
        this.versionFile = ScmArguments.filePath("version file", path);
        return this;
    }

    @Override
    protected void validate() {
        if (commits.isEmpty()) {
            throw new io.releasekit.core.InvalidInputException("no commit to cherry-pick was given");
        }
    }

    /** The branch to pick onto. */
    protected BranchName branch() {
        return branch;
    }

    /** The revisions to pick, in order. */
    protected List<String> commits() {
        return List.copyOf(commits);
    }

    /** Whether to bump the patch version after the picks. */
    protected boolean bumpPatch() {
        return bumpPatch;
    }

    /** Whether the patch bump is a commit of its own after the picks rather than part of the last pick. */
    protected boolean separateBumpCommit() {
        return separateBumpCommit;
    }

    /** The VERSION file path if one was given. */
    protected Optional<String> versionFile() {
        return Optional.ofNullable(versionFile);
    }
}
