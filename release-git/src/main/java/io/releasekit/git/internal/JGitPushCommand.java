package io.releasekit.git.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.PushCommand;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushOutcome.Reason;
import io.releasekit.core.scm.PushResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * {@link PushCommand} on JGit. Every update carries an expected old value ({@link RemoteRefUpdate} with {@code
 * expectedOldObjectId}): for a branch, the remote-tracking ref as last fetched (absent: the branch must not exist on
 * the remote); for a tag, that the remote has no such tag. JGit compares it with what the remote advertises before
 * sending anything, and the remote checks it again when it applies the update.
 */
public final class JGitPushCommand extends PushCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param remote the remote's name
     */
    public JGitPushCommand(GitContext ctx, String remote) {
        super(remote);
        this.ctx = ctx;
    }

    @Override
    protected PushResult execute() {
        return ctx.writeRemote("push to '" + remote() + "' from repository '" + ctx.name() + "'", remote(), this::run);
    }

    private PushResult run() throws Exception {
        Repository repo = ctx.repository();
        Map<String, CommitId> leases = new HashMap<>();
        expected().forEach((ref, id) -> leases.put(fullRefQuietly(repo, ref), id));
        List<RemoteRefUpdate> updates = new ArrayList<>();
        for (String ref : refs()) {
            String full = fullRef(repo, ref);
            Ref local = repo.exactRef(full);
            String tracking = full.startsWith(Constants.R_HEADS)
                    ? Constants.R_REMOTES + remote() + "/" + full.substring(Constants.R_HEADS.length())
                    : null;
            ObjectId expected = leases.containsKey(full)
                    ? ObjectId.fromString(leases.get(full).value())
                    : lease(repo, tracking);
            updates.add(new RemoteRefUpdate(repo, full, local.getObjectId(), full, force(), tracking, expected));
        }
        org.eclipse.jgit.transport.PushResult result;
        try (Transport transport = ctx.openTransport(remote())) {
            transport.setDryRun(isDryRun());
            transport.setPushAtomic(atomic());
            result = transport.push(NullProgressMonitor.INSTANCE, updates);
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (RemoteRefUpdate u : updates) {
            RemoteRefUpdate reported = Optional.ofNullable(result.getRemoteUpdate(u.getRemoteName()))
                    .orElse(u);
            outcomes.add(outcome(reported, result.getAdvertisedRef(u.getRemoteName())));
        }
        return new PushResult(remote(), outcomes);
    }

    private PushOutcome outcome(RemoteRefUpdate u, Ref advertised) {
        String ref = u.getRemoteName();
        ObjectId remoteId = advertised == null ? null : advertised.getObjectId();
        String where = ref + " on '" + remote() + "'";
        return switch (u.getStatus()) {
            case OK -> new PushOutcome.Pushed(ref, optional(remoteId), Revisions.id(u.getNewObjectId()));
            case UP_TO_DATE -> new PushOutcome.UpToDate(ref, Revisions.id(u.getNewObjectId()));
            case REJECTED_NONFASTFORWARD ->
                new PushOutcome.Rejected(
                        ref,
                        Reason.NON_FAST_FORWARD,
                        where + " is at " + abbrev(remoteId) + ", which " + abbrev(u.getNewObjectId())
                                + " does not contain: not a fast-forward (push with force to overwrite)");
            case REJECTED_REMOTE_CHANGED ->
                new PushOutcome.Rejected(
                        ref,
                        Reason.REMOTE_CHANGED,
                        where + " is at " + abbrev(remoteId) + " but was expected at "
                                + abbrev(u.getExpectedOldObjectId())
                                + ": it moved since it was last read; fetch and look again");
            default ->
                heldBack(u)
                        ? new PushOutcome.Rejected(
                                ref,
                                Reason.REMOTE_REJECTED,
                                where + " was not pushed: the push is atomic and another of its refs was refused")
                        : new PushOutcome.Rejected(
                                ref,
                                Reason.REMOTE_REJECTED,
                                where + " was refused (" + u.getStatus() + ")"
                                        + (u.getMessage() == null ? "" : ": " + u.getMessage()));
        };
    }

    /** Whether an atomic push held this ref back because another was refused (JGit: "transaction aborted"). */
    private boolean heldBack(RemoteRefUpdate u) {
        return atomic()
                && u.getStatus() == RemoteRefUpdate.Status.REJECTED_OTHER_REASON
                && org.eclipse.jgit.internal.JGitText.get().transactionAborted.equals(u.getMessage());
    }

    private static ObjectId lease(Repository repo, String tracking) throws IOException {
        if (tracking == null) {
            return ObjectId.zeroId(); // a tag must not exist on the remote yet (same value: up to date)
        }
        Ref ref = repo.exactRef(tracking);
        return ref == null || ref.getObjectId() == null ? ObjectId.zeroId() : ref.getObjectId();
    }

    private String fullRef(Repository repo, String ref) throws IOException {
        if (ref.startsWith(Constants.R_HEADS) || ref.startsWith(Constants.R_TAGS)) {
            if (repo.exactRef(ref) == null) {
                throw new NotFoundException(ref + " does not exist in repository '" + ctx.name() + "'");
            }
            return ref;
        }
        if (ref.startsWith(Constants.R_REFS)) {
            throw new InvalidInputException("only branches (refs/heads/) and tags (refs/tags/) are pushed, not " + ref);
        }
        boolean branch = repo.exactRef(Constants.R_HEADS + ref) != null;
        boolean tag = repo.exactRef(Constants.R_TAGS + ref) != null;
        if (branch && tag) {
            throw new InvalidInputException("'" + ref + "' is both a branch and a tag in repository '" + ctx.name()
                    + "'; name it in full (refs/heads/" + ref + " or refs/tags/" + ref + ")");
        }
        if (!branch && !tag) {
            throw new NotFoundException(
                    "no branch or tag '" + ref + "' exists in repository '" + ctx.name() + "' to push");
        }
        return (branch ? Constants.R_HEADS : Constants.R_TAGS) + ref;
    }

    private String fullRefQuietly(Repository repo, String ref) {
        try {
            return fullRef(repo, ref);
        } catch (IOException e) {
            throw GitErrors.translate("resolve " + ref, null, e);
        }
    }

    private static Optional<CommitId> optional(ObjectId id) {
        return id == null || ObjectId.zeroId().equals(id) ? Optional.empty() : Optional.of(Revisions.id(id));
    }

    private static String abbrev(ObjectId id) {
        return id == null || ObjectId.zeroId().equals(id)
                ? "(nothing)"
                : id.abbreviate(12).name();
    }
}
