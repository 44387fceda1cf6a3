package io.releasekit.git.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CommitId;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** Resolves revisions (already checked by the core commands) to commits, naming what is missing. */
public final class Revisions {

    private Revisions() {}

    /**
     * The commit a revision names: a full id, {@code HEAD}, a ref by git's search order ({@code refs/<name>}, then
     * tags, branches, remote-tracking branches), or an abbreviated id.
     */
    public static RevCommit commit(GitContext ctx, RevWalk walk, String revision) throws IOException {
        ObjectId id = objectId(ctx, walk, revision)
                .orElseThrow(() -> new NotFoundException(
                        "revision '" + revision + "' does not exist in repository '" + ctx.name() + "'"));
        return peelToCommit(ctx, walk, id, revision);
    }

    /** The head commit of a local branch. */
    public static RevCommit branchHead(GitContext ctx, RevWalk walk, BranchName branch) throws IOException {
        Ref ref = ctx.repository().exactRef(branch.ref());
        if (ref == null || ref.getObjectId() == null) {
            throw new NotFoundException("branch '" + branch + "' does not exist in repository '" + ctx.name() + "'");
        }
        return peelToCommit(ctx, walk, ref.getObjectId(), branch.value());
    }

    /** A local branch's head, or empty when the branch does not exist. */
    public static Optional<ObjectId> branchId(GitContext ctx, BranchName branch) throws IOException {
        Ref ref = ctx.repository().exactRef(branch.ref());
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
    }

    /** The releasekit id of a JGit id. */
    public static CommitId id(AnyObjectId id) {
        return CommitId.of(id.name());
    }

    private static Optional<ObjectId> objectId(GitContext ctx, RevWalk walk, String revision) throws IOException {
        Repository repo = ctx.repository();
        if (CommitId.isFull(revision)) {
            return Optional.of(ObjectId.fromString(revision));
        }
        Ref ref = repo.findRef(revision);
        if (ref != null && ref.getObjectId() != null) {
            return Optional.of(ref.getObjectId());
        }
        if (revision.matches("[0-9a-fA-F]{7,39}")) {
            Collection<ObjectId> matches = walk.getObjectReader().resolve(AbbreviatedObjectId.fromString(revision));
            if (matches.size() > 1) {
                throw new InvalidInputException("abbreviated id '" + revision + "' is ambiguous in repository '"
                        + ctx.name() + "'; give more digits");
            }
            return matches.stream().findFirst();
        }
        return Optional.empty();
    }

    private static RevCommit peelToCommit(GitContext ctx, RevWalk walk, ObjectId id, String revision)
            throws IOException {
        try {
            RevObject o = walk.peel(walk.parseAny(id));
            if (o instanceof RevCommit c) {
                walk.parseHeaders(c);
                return c;
            }
            throw new InvalidInputException("revision '" + revision + "' names a " + typeName(o)
                    + ", not a commit, in repository '" + ctx.name() + "'");
        } catch (MissingObjectException e) {
            throw new NotFoundException(
                    "revision '" + revision + "' does not exist in repository '" + ctx.name() + "'", e);
        }
    }

    private static String typeName(RevObject o) {
        return org.eclipse.jgit.lib.Constants.typeString(o.getType());
    }
}
