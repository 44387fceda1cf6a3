package io.releasekit.core.scm;

/**
 * Creates a branch: {@code repo.createBranch("release/2.1").at("main").call()}. A branch already at the same commit
 * answers {@link BranchOutcome.AlreadyExists}; at another commit the command throws {@link
 * io.releasekit.core.ConflictException} (use {@link SourceRepository#moveBranch(String)} to move it).
 */
public abstract class CreateBranchCommand extends ScmWriteCommand<BranchOutcome, CreateBranchCommand> {

    private final BranchName branch;
    private String target = "HEAD";

    /**
     * @param branch the branch name, validated at once
     */
    protected CreateBranchCommand(String branch) {
        this.branch = BranchName.of(branch);
    }

    /** Where the branch starts, as a revision; {@code HEAD} by default. */
    public CreateBranchCommand at(String revision) {
        this.target = ScmArguments.revision("branch start", revision);
        return this;
    }

    /** The branch to create. */
    protected BranchName branch() {
        return branch;
    }

    /** The revision the branch starts at. */
    protected String target() {
        return target;
    }
}
