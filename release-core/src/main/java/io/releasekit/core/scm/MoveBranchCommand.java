package io.releasekit.core.scm;

/**
 * Moves an existing branch to another commit (seed 004: move {@code stable} to {@code main}), fast-forward only unless
 * {@link #force(boolean)} is asked for explicitly:
 *
 * <pre>{@code
 * MoveOutcome o = repo.moveBranch("stable").to("main").force(false).call();
 * }</pre>
 *
 * <p>Answers {@link MoveOutcome.FastForwarded}, {@link MoveOutcome.Forced} (with the old id, so the move can be
 * undone), {@link MoveOutcome.Unchanged} or {@link MoveOutcome.Rejected} (not a fast-forward and no force).
 */
public abstract class MoveBranchCommand extends ScmWriteCommand<MoveOutcome, MoveBranchCommand> {

    private final BranchName branch;
    private String target;
    private boolean force;

    /**
     * @param branch the branch to move, validated at once
     */
    protected MoveBranchCommand(String branch) {
        this.branch = BranchName.of(branch);
    }

    /** Where to move the branch, as a revision; required. */
    public MoveBranchCommand to(String revision) {
        this.target = ScmArguments.revision("move target", revision);
        return this;
    }

    /** Whether to move the branch even when that is not a fast-forward (commits on it are dropped). Off by default. */
    public MoveBranchCommand force(boolean force) {
        this.force = force;
        return this;
    }

    @Override
    protected void validate() {
        ScmArguments.required("move target (to)", target);
    }

    /** The branch to move. */
    protected BranchName branch() {
        return branch;
    }

    /** The revision to move it to. */
    protected String target() {
        return target;
    }

    /** Whether a non-fast-forward move is allowed. */
    protected boolean force() {
        return force;
    }
}
