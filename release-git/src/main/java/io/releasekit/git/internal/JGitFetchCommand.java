package io.releasekit.git.internal;

import io.releasekit.core.scm.FetchCommand;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.FetchResult.Kind;
import io.releasekit.core.scm.FetchResult.RefChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * {@link FetchCommand} on JGit. Branches go to {@code refs/remotes/<remote>/*} (forced: they mirror the remote, and
 * stale ones are pruned); tags to {@code refs/tags/*} without force, so a local tag is never moved; then local
 * branches follow (see {@link LocalBranches}), and branches the run owns are brought back to the remote's when they
 * diverged by releasekit's own unpushed commits (see {@link OwnedBranches}). A dry run only lists the remote's refs and
 * compares — unless it owns branches: then it fetches the remote's objects into the object database without writing
 * any ref (objects are not refs: no branch, tag, tracking ref or {@code FETCH_HEAD} changes), so that it can say which
 * commits a recovery would drop.
 */
public final class JGitFetchCommand extends FetchCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param remote the remote's name
     */
    public JGitFetchCommand(GitContext ctx, String remote) {
        super(remote);
        this.ctx = ctx;
    }

    @Override
    protected FetchResult execute() {
        return ctx.writeRemote("fetch '" + remote() + "' into repository '" + ctx.name() + "'", remote(), this::run);
    }

    private FetchResult run() throws Exception {
        List<RefChange> changes = new ArrayList<>();
        Collection<Ref> advertised;
        try (Transport transport = ctx.openTransport(remote())) {
            if (isDryRun() && owned().isEmpty()) {
                advertised = plan(transport, changes);
            } else {
                advertised = fetch(transport, changes, isDryRun());
            }
        }
        changes.addAll(LocalBranches.follow(ctx, Fetching.heads(advertised), isDryRun()));
        List<String> undetermined = new ArrayList<>();
        List<RefChange> recovered =
                OwnedBranches.recover(ctx, remote(), owned(), advertised, isDryRun(), undetermined::add);
        Set<String> replaced = new HashSet<>();
        recovered.forEach(c -> replaced.add(c.ref()));
        changes.removeIf(c -> replaced.contains(c.ref())); // a DIVERGED branch or TAG_CONFLICT tag now recovered
        changes.addAll(recovered);
        changes.sort(Comparator.comparing(RefChange::ref));
        return new FetchResult(remote(), changes, undetermined);
    }

    /**
     * Fetches the remote's objects and, unless {@code dryRun}, moves the tracking refs and tags. A dry run (asked for
     * only when branches are owned) stores the objects but writes no ref: JGit's own dry run computes every ref update
     * without executing it, so the kinds are exact and the recovery can be planned on the remote's real commits. JGit
     * still rewrites {@code FETCH_HEAD} in a dry run; it is put back as it was.
     */
    private Collection<Ref> fetch(Transport transport, List<RefChange> changes, boolean dryRun) throws Exception {
        transport.setTagOpt(TagOpt.NO_TAGS);
        transport.setRemoveDeletedRefs(false); // prune only tracking refs below, never local tags
        transport.setDryRun(dryRun);
        org.eclipse.jgit.transport.FetchResult result;
        if (dryRun) {
            Path fetchHead = ctx.repository().getDirectory().toPath().resolve("FETCH_HEAD");
            byte[] before = Files.exists(fetchHead) ? Files.readAllBytes(fetchHead) : null;
            try {
                result = transport.fetch(NullProgressMonitor.INSTANCE, Fetching.refSpecs(remote()));
            } finally {
                if (before == null) {
                    Files.deleteIfExists(fetchHead);
                } else {
                    Files.write(fetchHead, before);
                }
            }
        } else {
            result = transport.fetch(NullProgressMonitor.INSTANCE, Fetching.refSpecs(remote()));
        }
        for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
            Kind kind = kindOf(u);
            if (kind != null) {
                changes.add(LocalBranches.change(u.getLocalName(), u.getOldObjectId(), u.getNewObjectId(), kind));
            }
        }
        Map<String, ObjectId> heads = Fetching.heads(result.getAdvertisedRefs());
        changes.addAll(prune(heads, dryRun));
        return result.getAdvertisedRefs();
    }

    private Collection<Ref> plan(Transport transport, List<RefChange> changes) throws Exception {
        Repository repo = ctx.repository();
        try (FetchConnection connection = transport.openFetch()) {
            Map<String, ObjectId> heads = Fetching.heads(connection.getRefs());
            for (Map.Entry<String, ObjectId> e : heads.entrySet()) {
                String tracking = trackingPrefix() + e.getKey();
                Ref local = repo.exactRef(tracking);
                if (local == null) {
                    changes.add(LocalBranches.change(tracking, null, e.getValue(), Kind.CREATED));
                } else if (!local.getObjectId().equals(e.getValue())) {
                    changes.add(LocalBranches.change(tracking, local.getObjectId(), e.getValue(), Kind.UPDATED));
                }
            }
            for (Ref tag : connection.getRefs()) {
                if (tag.getName().startsWith(Constants.R_TAGS) && !tag.getName().endsWith("^{}")) {
                    Ref local = repo.exactRef(tag.getName());
                    if (local == null) {
                        changes.add(LocalBranches.change(tag.getName(), null, tag.getObjectId(), Kind.CREATED));
                    } else if (!local.getObjectId().equals(tag.getObjectId())) {
                        changes.add(LocalBranches.change(
                                tag.getName(), local.getObjectId(), local.getObjectId(), Kind.TAG_CONFLICT));
                    }
                }
            }
            for (Ref stale : staleTrackingRefs(heads)) {
                changes.add(LocalBranches.change(stale.getName(), stale.getObjectId(), null, Kind.DELETED));
            }
            return List.copyOf(connection.getRefs());
        }
    }

    private List<RefChange> prune(Map<String, ObjectId> heads, boolean dryRun) throws IOException {
        List<RefChange> changes = new ArrayList<>();
        for (Ref stale : staleTrackingRefs(heads)) {
            if (dryRun) {
                changes.add(LocalBranches.change(stale.getName(), stale.getObjectId(), null, Kind.DELETED));
                continue;
            }
            RefUpdate u = ctx.repository().updateRef(stale.getName());
            u.setExpectedOldObjectId(stale.getObjectId());
            u.setForceUpdate(true);
            GitErrors.checkRefUpdate(u.delete(), stale.getName());
            changes.add(LocalBranches.change(stale.getName(), stale.getObjectId(), null, Kind.DELETED));
        }
        return changes;
    }

    private List<Ref> staleTrackingRefs(Map<String, ObjectId> heads) throws IOException {
        List<Ref> stale = new ArrayList<>();
        for (Ref ref : ctx.repository().getRefDatabase().getRefsByPrefix(trackingPrefix())) {
            String branch = ref.getName().substring(trackingPrefix().length());
            if (!branch.equals(Constants.HEAD) && !ref.isSymbolic() && !heads.containsKey(branch)) {
                stale.add(ref);
            }
        }
        return stale;
    }

    private static Kind kindOf(TrackingRefUpdate u) {
        return switch (u.getResult()) {
            case NEW -> Kind.CREATED;
            case FAST_FORWARD -> Kind.FAST_FORWARDED;
            case FORCED -> ObjectId.zeroId().equals(u.getNewObjectId()) ? Kind.DELETED : Kind.FORCED;
            case REJECTED, REJECTED_OTHER_REASON -> Kind.TAG_CONFLICT;
            case NO_CHANGE, NOT_ATTEMPTED -> null;
            default -> {
                GitErrors.checkRefUpdate(u.getResult(), u.getLocalName());
                yield null;
            }
        };
    }

    private String trackingPrefix() {
        return Constants.R_REMOTES + remote() + "/";
    }
}
