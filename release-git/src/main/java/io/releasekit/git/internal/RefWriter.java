package io.releasekit.git.internal;

import io.releasekit.core.ConflictException;
import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves refs atomically: every update names the value the ref must still have (so a concurrent writer is detected,
 * never overwritten), and when the ref is the branch checked out in a working directory, the index and working tree
 * follow it — after checking that no local change would be lost.
 */
public final class RefWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RefWriter.class);

    private RefWriter() {}

    /**
     * Sets {@code ref} from {@code expectedOld} (zero id: the ref must not exist) to {@code newId}.
     *
     * @throws ConflictException when the ref moved meanwhile, or local changes in the working tree are in the way
     */
    public static void update(GitContext ctx, String ref, ObjectId expectedOld, ObjectId newId, String reason)
            throws IOException {
        Repository repo = ctx.repository();
        boolean checkedOut = isCheckedOut(repo, ref);
        if (checkedOut) {
            checkout(ctx, ref, expectedOld, newId);
        }
        RefUpdate u = repo.updateRef(ref);
        u.setExpectedOldObjectId(expectedOld);
        u.setNewObjectId(newId);
        u.setForceUpdate(true); // fast-forward rules are the caller's; the expected old value keeps it atomic
        u.setRefLogIdent(ctx.ident());
        u.setRefLogMessage("releasekit: " + reason, false);
        RefUpdate.Result result = u.update();
        if (checkedOut && !isSuccess(result)) {
            restoreWorkingTree(ctx, ref, newId, expectedOld);
        }
        GitErrors.checkRefUpdate(result, ref);
    }

    /** Whether {@code ref} is the branch HEAD points at in a working directory. */
    static boolean isCheckedOut(Repository repo, String ref) throws IOException {
        if (repo.isBare()) {
            return false;
        }
        Ref head = repo.exactRef(Constants.HEAD);
        return head != null && head.isSymbolic() && head.getTarget().getName().equals(ref);
    }

    private static void checkout(GitContext ctx, String ref, ObjectId from, ObjectId to) throws IOException {
        Repository repo = ctx.repository();
        DirCache index = repo.lockDirCache();
        try (RevWalk walk = new RevWalk(repo)) {
            RevTree fromTree = ObjectId.zeroId().equals(from) ? null : treeOf(walk, from);
            DirCacheCheckout checkout = new DirCacheCheckout(repo, fromTree, index, treeOf(walk, to));
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } catch (CheckoutConflictException e) {
            throw new ConflictException(
                    ref + " is checked out in " + repo.getWorkTree() + " and local changes there would be overwritten ("
                            + e.getMessage() + "); nothing was changed",
                    e);
        } finally {
            index.unlock();
        }
    }

    private static void restoreWorkingTree(GitContext ctx, String ref, ObjectId from, ObjectId to) {
        try {
            checkout(ctx, ref, from, to);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not restore the working tree of {} after a failed update of {}", ctx.name(), ref, e);
        }
    }

    private static RevTree treeOf(RevWalk walk, ObjectId commit) throws IOException {
        RevCommit c = walk.parseCommit(commit);
        return c.getTree();
    }

    private static boolean isSuccess(RefUpdate.Result r) {
        return r == RefUpdate.Result.NEW
                || r == RefUpdate.Result.FORCED
                || r == RefUpdate.Result.FAST_FORWARD
                || r == RefUpdate.Result.NO_CHANGE;
    }
}
