package io.releasekit.git.internal;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Writes commit objects. */
final class Commits {

    private Commits() {}

    /** Inserts a commit and answers it parsed by {@code walk} (which must read what {@code inserter} wrote). */
    static RevCommit create(
            ObjectInserter inserter,
            RevWalk walk,
            ObjectId tree,
            List<? extends ObjectId> parents,
            PersonIdent author,
            PersonIdent committer,
            String message)
            throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents.toArray(ObjectId[]::new));
        commit.setAuthor(author);
        commit.setCommitter(committer);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        return walk.parseCommit(inserter.insert(commit));
    }
}
