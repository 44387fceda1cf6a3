package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings branches up to a source branch (seed 002: sync {@code development} and {@code hotfix} with {@code main}):
 * a fast-forward where possible, a merge commit otherwise.
 *
 * <pre>{@code
 * SyncResult r = repo.sync("main").into("development", "hotfix").call();
 * }</pre>
 *
 * <p>Each target is handled on its own and completely or not at all: a conflict on one is reported as {@link
 * SyncOutcome.Conflicted} and leaves that branch untouched, while the others are still synced.
 */
public abstract class SyncCommand extends ScmWriteCommand<SyncResult, SyncCommand> {

    private final BranchName source;
    private final List<BranchName> targets = new ArrayList<>();

    /**
     * @param source the branch the others are brought up to, validated at once
     */
    protected SyncCommand(String source) {
        this.source = BranchName.of(source);
    }

    /** The branches to bring up to the source; required. */
    public SyncCommand into(String... branches) {
        return into(List.of(branches));
    }

    /** The branches to bring up to the source; required. */
    public SyncCommand into(List<String> branches) {
        for (String b : ScmArguments.required("target branches", branches)) {
            BranchName name = BranchName.of(b);
            if (name.equals(source)) {
                throw new InvalidInputException("branch '" + name + "' cannot be synced into itself");
            }
            if (targets.contains(name)) {
                throw new InvalidInputException("branch '" + name + "' is named twice");
            }
            targets.add(name);
        }
        return this;
    }

    @Override
    protected void validate() {
        if (targets.isEmpty()) {
            throw new InvalidInputException("no branch to sync into was given");
        }
    }

    /** The source branch. */
    protected BranchName source() {
        return source;
    }

    /** The target branches, in order. */
    protected List<BranchName> targets() {
        return List.copyOf(targets);
    }
}
