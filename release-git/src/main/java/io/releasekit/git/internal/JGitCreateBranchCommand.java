package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.CreateBranchCommand;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link CreateBranchCommand} on JGit. */
public final class JGitCreateBranchCommand extends CreateBranchCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param branch the branch name
     */
    public JGitCreateBranchCommand(GitContext ctx, String branch) {
        super(branch);
        this.ctx = ctx;
    }

    @Override
    protected BranchOutcome execute() {
        return ctx.write("create branch '" + branch() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private BranchOutcome run() throws IOException {
        try (RevWalk walk = new RevWalk(ctx.repository())) {
            RevCommit target = Revisions.commit(ctx, walk, target());
            Optional<ObjectId> existing = Revisions.branchId(ctx, branch());
            if (existing.isPresent()) {
                if (existing.get().equals(target)) {
                    return new BranchOutcome.AlreadyExists(branch(), id(target));
                }
                throw new ConflictException("branch '" + branch() + "' already exists at "
                        + existing.get().abbreviate(12).name() + ", not at "
                        + target.abbreviate(12).name() + " ('"
                        + target() + "') in repository '" + ctx.name() + "'; move it explicitly to change it");
            }
            if (!isDryRun()) {
                RefWriter.update(ctx, branch().ref(), ObjectId.zeroId(), target, "branch " + branch());
            }
            return new BranchOutcome.Created(branch(), id(target));
        }
    }
}
