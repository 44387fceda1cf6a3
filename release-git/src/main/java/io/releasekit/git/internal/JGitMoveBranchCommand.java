package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.scm.MoveBranchCommand;
import io.releasekit.core.scm.MoveOutcome;
import java.io.IOException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link MoveBranchCommand} on JGit. */
public final class JGitMoveBranchCommand extends MoveBranchCommand {

    /** Counting dropped commits stops here; the message then says "at least". */
    private static final int COUNT_LIMIT = 1000;

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param branch the branch to move
     */
    public JGitMoveBranchCommand(GitContext ctx, String branch) {
        super(branch);
        this.ctx = ctx;
    }

    @Override
    protected MoveOutcome execute() {
        return ctx.write("move branch '" + branch() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private MoveOutcome run() throws IOException {
        try (RevWalk walk = new RevWalk(ctx.repository())) {
            RevCommit current = Revisions.branchHead(ctx, walk, branch());
            RevCommit target = Revisions.commit(ctx, walk, target());
            if (current.equals(target)) {
                return new MoveOutcome.Unchanged(branch(), id(current));
            }
            boolean fastForward = walk.isMergedInto(current, target);
            if (!fastForward && !force()) {
                return new MoveOutcome.Rejected(branch(), id(current), id(target), reason(walk, current, target));
            }
            if (!isDryRun()) {
                String how = fastForward ? "fast-forward" : "forced";
                RefWriter.update(ctx, branch().ref(), current, target, "move to " + target() + " (" + how + ")");
            }
            return fastForward
                    ? new MoveOutcome.FastForwarded(branch(), id(current), id(target))
                    : new MoveOutcome.Forced(branch(), id(current), id(target));
        }
    }

    private String reason(RevWalk walk, RevCommit current, RevCommit target) throws IOException {
        walk.reset();
        walk.markStart(current);
        walk.markUninteresting(target);
        int dropped = 0;
        for (RevCommit ignored : walk) {
            if (++dropped >= COUNT_LIMIT) {
                break;
            }
        }
        String count = dropped >= COUNT_LIMIT ? "at least " + COUNT_LIMIT : Integer.toString(dropped);
        return "moving '" + branch() + "' to '" + target() + "' ("
                + target.abbreviate(12).name()
                + ") is not a fast-forward: it would drop " + count + " commit(s) of '" + branch() + "' that '"
                + target() + "' does not contain; ask for force to move it anyway";
    }
}
