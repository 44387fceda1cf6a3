package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.LazyBranchCommand;
import io.releasekit.core.scm.VersionCommit;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link LazyBranchCommand} on JGit. */
public final class JGitLazyBranchCommand extends LazyBranchCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param branch the branch name
     */
    public JGitLazyBranchCommand(GitContext ctx, String branch) {
        super(branch);
        this.ctx = ctx;
    }

    @Override
    protected BranchOutcome execute() {
        return ctx.write("lazy branch '" + branch() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private BranchOutcome run() throws IOException {
        String path = versionFile().orElse(ctx.settings().versionFile());
        try (RevWalk walk = new RevWalk(ctx.repository())) {
            RevCommit start = Revisions.commit(ctx, walk, from());
            VersionCommit found = JGitVersionCommitQuery.find(ctx, walk, start, from(), path, version());
            RevCommit commit =
                    walk.parseCommit(ObjectId.fromString(found.commit().value()));
            Optional<ObjectId> existing = Revisions.branchId(ctx, branch());
            if (existing.isPresent()) {
                RevCommit head = walk.parseCommit(existing.get());
                if (walk.isMergedInto(commit, head)) {
                    return new BranchOutcome.AlreadyExists(branch(), id(head));
                }
                throw new ConflictException("branch '" + branch() + "' exists at "
                        + head.abbreviate(12).name()
                        + " but does not contain " + commit.abbreviate(12).name() + ", the commit that set " + path
                        + " to " + version() + ", in repository '" + ctx.name() + "'");
            }
            if (!isDryRun()) {
                RefWriter.update(
                        ctx, branch().ref(), ObjectId.zeroId(), commit, "lazy branch at " + path + " " + version());
            }
            return new BranchOutcome.Created(branch(), id(commit));
        }
    }
}
