package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CommitOutcome;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link CommitFileCommand} on JGit: the new tree and commit are built in memory, then written with the ref move. */
public final class JGitCommitFileCommand extends CommitFileCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param branch the branch to commit on
     * @param path the file
     * @param content its new content
     */
    public JGitCommitFileCommand(GitContext ctx, String branch, String path, String content) {
        super(branch, path, content);
        this.ctx = ctx;
    }

    @Override
    protected CommitOutcome execute() {
        return ctx.write("commit '" + path() + "' on '" + branch() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private CommitOutcome run() throws IOException {
        StagedObjects staged = new StagedObjects(ctx.repository());
        try (ObjectReader reader = staged.newReader();
                RevWalk walk = new RevWalk(reader)) {
            RevCommit head = Revisions.branchHead(ctx, walk, branch());
            boolean changed = false;
            ObjectId tree = head.getTree();
            for (Map.Entry<String, byte[]> f : files().entrySet()) {
                Optional<byte[]> current = TreeFiles.read(reader, walk.parseTree(tree), f.getKey());
                if (current.isPresent() && Arrays.equals(current.get(), f.getValue())) {
                    continue;
                }
                changed = true;
                tree = TreeFiles.withFile(staged, reader, walk.parseTree(tree), f.getKey(), f.getValue());
            }
            if (!changed) {
                return new CommitOutcome.Unchanged(branch(), path(), id(head));
            }
            String message = message().orElse("Update " + path());
            RevCommit commit = Commits.create(staged, walk, tree, List.of(head), ctx.ident(), ctx.ident(), message);
            if (!isDryRun()) {
                staged.writeTo(ctx.repository());
                RefWriter.update(ctx, branch().ref(), head, commit, "commit " + path());
            }
            return new CommitOutcome.Committed(branch(), path(), id(head), id(commit));
        }
    }
}
