package io.releasekit.git.internal;

import io.releasekit.core.scm.FetchResult.Kind;
import io.releasekit.core.scm.FetchResult.RefChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Keeps local branches in step with a remote after a fetch or clone: a missing branch is created, one that is behind
 * is fast-forwarded, one with commits of its own is left alone and reported. This is what lets operations name
 * {@code stable} or {@code aether-2.1} right after a fetch.
 */
final class LocalBranches {

    private LocalBranches() {}

    /**
     * Brings local branches up to the remote's.
     *
     * @param remoteHeads the remote's branches by short name
     */
    static List<RefChange> follow(GitContext ctx, Map<String, ObjectId> remoteHeads, boolean dryRun)
            throws IOException {
        Repository repo = ctx.repository();
        List<RefChange> changes = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Map.Entry<String, ObjectId> e : remoteHeads.entrySet()) {
                String ref = Constants.R_HEADS + e.getKey();
                ObjectId remote = e.getValue();
                Ref local = repo.exactRef(ref);
                if (local == null || local.getObjectId() == null) {
                    if (!dryRun) {
                        RefWriter.update(ctx, ref, ObjectId.zeroId(), remote, "follow remote branch");
                    }
                    changes.add(change(ref, null, remote, Kind.CREATED));
                    continue;
                }
                ObjectId current = local.getObjectId();
                if (current.equals(remote)) {
                    continue;
                }
                if (!walk.getObjectReader().has(remote)) {
                    changes.add(change(ref, current, remote, Kind.UPDATED)); // dry run: not fetched
                    continue;
                }
                walk.reset();
                RevCommit localCommit = walk.parseCommit(current);
                RevCommit remoteCommit = walk.parseCommit(remote);
                if (walk.isMergedInto(localCommit, remoteCommit)) {
                    if (!dryRun) {
                        RefWriter.update(ctx, ref, current, remote, "fast-forward to remote branch");
                    }
                    changes.add(change(ref, current, remote, Kind.FAST_FORWARDED));
                } else {
                    Kind kind = walk.isMergedInto(remoteCommit, localCommit) ? Kind.LOCAL_AHEAD : Kind.DIVERGED;
                    changes.add(change(ref, current, current, kind));
                }
            }
        }
        return changes;
    }

    static RefChange change(String ref, ObjectId oldId, ObjectId newId, Kind kind) {
        return new RefChange(ref, optional(oldId), optional(newId), kind);
    }

    private static Optional<io.releasekit.core.scm.CommitId> optional(ObjectId id) {
        return id == null || ObjectId.zeroId().equals(id) ? Optional.empty() : Optional.of(Revisions.id(id));
    }
}
