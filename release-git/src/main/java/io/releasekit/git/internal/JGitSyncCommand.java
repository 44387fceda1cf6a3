package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.SyncCommand;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * {@link SyncCommand} on JGit. Each target is fast-forwarded when it can be, otherwise the source is merged into it
 * in memory; a merge that conflicts writes nothing for that target.
 */
public final class JGitSyncCommand extends SyncCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param source the source branch
     */
    public JGitSyncCommand(GitContext ctx, String source) {
        super(source);
        this.ctx = ctx;
    }

    @Override
    protected SyncResult execute() {
        return ctx.write(
                "sync '" + source() + "' into " + targets() + " in repository '" + ctx.name() + "'", this::run);
    }

    private SyncResult run() throws IOException {
        Repository repo = ctx.repository();
        ObjectId source;
        Map<BranchName, ObjectId> heads = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repo)) {
            source = Revisions.branchHead(ctx, walk, source()).copy();
            for (BranchName target : targets()) {
                heads.put(target, Revisions.branchHead(ctx, walk, target).copy());
            }
        }
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<BranchName, ObjectId> e : heads.entrySet()) {
            outcomes.add(syncOne(repo, source, e.getKey(), e.getValue()));
        }
        return new SyncResult(source(), id(source), outcomes);
    }

    private SyncOutcome syncOne(Repository repo, ObjectId sourceId, BranchName target, ObjectId headId)
            throws IOException {
        StagedObjects staged = new StagedObjects(repo);
        try (ObjectReader reader = staged.newReader();
                RevWalk walk = new RevWalk(reader)) {
            RevCommit source = walk.parseCommit(sourceId);
            RevCommit head = walk.parseCommit(headId);
            if (walk.isMergedInto(source, head)) {
                return new SyncOutcome.UpToDate(target, id(head));
            }
            if (walk.isMergedInto(head, source)) {
                if (!isDryRun()) {
                    RefWriter.update(ctx, target.ref(), head, source, "sync with " + source() + " (fast-forward)");
                }
                return new SyncOutcome.FastForwarded(target, id(head), id(source));
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(staged, repo.getConfig());
            if (!merger.merge(false, head, source)) {
                return new SyncOutcome.Conflicted(target, id(head), Merges.conflictingFiles(merger));
            }
            String message = "Merge branch '" + source() + "' into " + target;
            RevCommit merge = Commits.create(
                    staged, walk, merger.getResultTreeId(), List.of(head, source), ctx.ident(), ctx.ident(), message);
            if (!isDryRun()) {
                staged.writeTo(repo);
                RefWriter.update(ctx, target.ref(), head, merge, "sync with " + source() + " (merge)");
            }
            return new SyncOutcome.Merged(target, id(head), id(merge));
        }
    }
}
