package io.releasekit.git.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.FetchResult.Kind;
import io.releasekit.core.scm.FetchResult.RefChange;
import io.releasekit.core.scm.Identity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Brings branches a run owns back to the remote's state after a refused push (see {@link
 * io.releasekit.core.scm.FetchCommand#own}). Runs after a fetch, with what the remote advertised.
 *
 * <p>A local-only commit is one no advertised branch or tag reaches. Such a commit may be dropped only when releasekit
 * can redo it from the remote's state: its committer is the repository's identity, it has one parent, and it changes
 * only the VERSION file — or it records {@code (cherry picked from commit S)} with S on the remote, and changes only
 * paths S changed, plus the VERSION file. A tag on a dropped commit must be an annotated tag by the same identity.
 * Anything else is a {@link ConflictException} raised before any ref is touched.
 */
final class OwnedBranches {

    private static final Pattern PICKED_FROM = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{40})\\)");

    private OwnedBranches() {}

    /**
     * Realigns the owned branches that need it.
     *
     * @param remote the remote's name (for messages)
     * @param advertised every ref the remote advertised
     * @param dryRun only report what would change
     * @param undetermined told, per owned branch whose recovery cannot be planned because the remote's commits are not
     *     in the repository (a dry run whose objects were not fetched), why
     * @return the changes: a {@link Kind#RESET} per realigned branch, a {@link Kind#DROPPED} per dropped tag
     * @throws ConflictException when an owned branch needs realigning but something local-only is not releasekit's
     */
    static List<RefChange> recover(
            GitContext ctx,
            String remote,
            List<BranchName> owned,
            Iterable<Ref> advertised,
            boolean dryRun,
            Consumer<String> undetermined)
            throws IOException {
        if (owned.isEmpty()) {
            return List.of();
        }
        Repository repo = ctx.repository();
        Map<String, ObjectId> heads = Fetching.heads(advertised);
        Map<String, ObjectId> remoteTags = new LinkedHashMap<>();
        for (Ref ref : advertised) {
            if (ref.getName().startsWith(Constants.R_TAGS) && !ref.getName().endsWith("^{}")) {
                remoteTags.put(ref.getName(), ref.getObjectId());
            }
        }
        List<Plan> plans = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            List<RevCommit> published = published(walk, heads.values(), remoteTags.values());
            for (BranchName branch : owned) {
                plan(ctx, walk, remote, branch, heads.get(branch.value()), published, remoteTags, undetermined)
                        .ifPresent(plans::add);
            }
        }
        List<RefChange> changes = new ArrayList<>();
        for (Plan p : plans) {
            if (!dryRun) {
                apply(ctx, remote, p);
            }
            changes.add(new RefChange(
                    p.branch().ref(),
                    Optional.of(id(p.local())),
                    Optional.of(id(p.remote())),
                    Kind.RESET,
                    p.dropped()));
            for (TagDrop t : p.tags()) {
                changes.add(new RefChange(
                        t.ref(),
                        Optional.of(id(t.local())),
                        t.remote().map(OwnedBranches::id),
                        Kind.DROPPED,
                        List.of()));
            }
        }
        return changes;
    }

    /** A realignment: the branch from {@code local} to {@code remote}, dropping commits and tags. */
    private record Plan(
            BranchName branch, ObjectId local, ObjectId remote, List<CommitId> dropped, List<TagDrop> tags) {}

    /** A local tag to delete, replaced by the remote's value when the remote has the tag and its object is here. */
    private record TagDrop(String ref, ObjectId local, Optional<ObjectId> remote) {}

    private static Optional<Plan> plan(
            GitContext ctx,
            RevWalk walk,
            String remote,
            BranchName branch,
            ObjectId remoteHead,
            List<RevCommit> published,
            Map<String, ObjectId> remoteTags,
            Consumer<String> undetermined)
            throws IOException {
        Repository repo = ctx.repository();
        Ref localRef = repo.exactRef(branch.ref());
        if (remoteHead == null || localRef == null || localRef.getObjectId() == null) {
            return Optional.empty(); // not on the remote (the push creates it), or not here (the fetch created it)
        }
        ObjectId localHead = localRef.getObjectId();
        if (localHead.equals(remoteHead)) {
            return Optional.empty(); // in step
        }
        if (!walk.getObjectReader().has(remoteHead)) {
            undetermined.accept(branch + ": " + remote + "'s " + branch + " is at " + abbrev(remoteHead)
                    + ", a commit not in repository '" + ctx.name() + "'; whether local " + branch + " ("
                    + abbrev(localHead) + ") would be reset, and what it would drop, is not known");
            return Optional.empty();
        }
        walk.reset();
        RevCommit ours = walk.parseCommit(localHead);
        RevCommit theirs = walk.parseCommit(remoteHead);
        if (walk.isMergedInto(ours, theirs)) {
            return Optional.empty(); // behind: fast-forwarded by the fetch
        }
        boolean diverged = !walk.isMergedInto(theirs, ours);
        List<RevCommit> localOnly = localOnly(walk, ours, theirs, published);
        Set<ObjectId> localOnlyIds = new HashSet<>(localOnly);
        List<TagDrop> tags = new ArrayList<>();
        boolean tagConflict = false;
        for (Ref tag : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            RevObject peeled = walk.peel(walk.parseAny(tag.getObjectId()));
            if (!localOnlyIds.contains(peeled)) {
                continue;
            }
            ObjectId remoteTag = remoteTags.get(tag.getName());
            tagConflict |= remoteTag != null && !remoteTag.equals(tag.getObjectId());
            Optional<ObjectId> replacement =
                    Optional.ofNullable(remoteTag).filter(t -> hasQuietly(walk.getObjectReader(), t));
            tags.add(new TagDrop(tag.getName(), tag.getObjectId(), replacement));
        }
        if (!diverged && !tagConflict) {
            return Optional.empty(); // ahead by its own commits: the next push sends them
        }
        String why = diverged
                ? "local " + branch + " has diverged from " + remote + "'s (" + abbrev(theirs) + ")"
                : "a tag on local " + branch + "'s unpushed commits exists on " + remote + " at another commit";
        for (RevCommit c : localOnly) {
            redoable(ctx, walk, c, published).ifPresent(problem -> {
                throw new ConflictException(why + ", and its commit " + abbrev(c) + " '" + c.getShortMessage()
                        + "' exists only in repository '" + ctx.name() + "' and " + problem
                        + "; releasekit drops only its own unpushed release commits, so nothing was changed"
                        + " — resolve it in the working clone or push that commit first");
            });
        }
        for (TagDrop t : tags) {
            tagProblem(ctx, walk, t).ifPresent(problem -> {
                throw new ConflictException(why + ", and " + t.ref() + " on its unpushed commit "
                        + t.local().abbreviate(12).name() + " " + problem
                        + "; releasekit drops only its own unpublished tags, so nothing was changed");
            });
        }
        List<CommitId> dropped = localOnly.stream().map(OwnedBranches::id).toList();
        return Optional.of(new Plan(branch, localHead, remoteHead, dropped, tags));
    }

    /** The commits of {@code ours} that neither the remote's branch nor any other advertised ref reaches. */
    private static List<RevCommit> localOnly(RevWalk walk, RevCommit ours, RevCommit theirs, List<RevCommit> published)
            throws IOException {
        walk.reset();
        walk.markStart(ours);
        walk.markUninteresting(theirs);
        for (RevCommit p : published) {
            walk.markUninteresting(p);
        }
        List<RevCommit> out = new ArrayList<>();
        for (RevCommit c : walk) {
            out.add(c);
        }
        walk.reset();
        return out;
    }

    /** The commits the remote's branches and tags name, as far as they are in this repository. */
    private static List<RevCommit> published(RevWalk walk, Iterable<ObjectId> heads, Iterable<ObjectId> tags)
            throws IOException {
        List<RevCommit> out = new ArrayList<>();
        List<ObjectId> all = new ArrayList<>();
        heads.forEach(all::add);
        tags.forEach(all::add);
        for (ObjectId id : all) {
            try {
                if (walk.peel(walk.parseAny(id)) instanceof RevCommit c) {
                    out.add(c);
                }
            } catch (MissingObjectException notFetched) {
                // a dry run lists refs without fetching their objects
            }
        }
        return out;
    }

    /** Why a local-only commit cannot be redone by releasekit, or empty when it can. */
    private static Optional<String> redoable(GitContext ctx, RevWalk walk, RevCommit c, List<RevCommit> published)
            throws IOException {
        walk.parseBody(c);
        Identity me = ctx.settings().identity();
        PersonIdent committer = c.getCommitterIdent();
        if (!committer.getName().equals(me.name())
                || !committer.getEmailAddress().equals(me.email())) {
            return Optional.of("was committed by " + committer.getName() + " <" + committer.getEmailAddress()
                    + ">, not by releasekit (" + me.name() + " <" + me.email() + ">)");
        }
        if (c.getParentCount() != 1) {
            return Optional.of("is a merge");
        }
        String versionFile = ctx.settings().versionFile();
        Set<String> allowed = new HashSet<>(Set.of(versionFile));
        Matcher picked = PICKED_FROM.matcher(c.getFullMessage());
        String source = null;
        while (picked.find()) {
            source = picked.group(1);
        }
        if (source != null) {
            RevCommit s;
            try {
                s = walk.parseCommit(ObjectId.fromString(source));
            } catch (MissingObjectException missing) {
                return Optional.of("is a pick of " + source.substring(0, 12) + ", which is not in the repository");
            }
            if (!isPublished(walk, s, published)) {
                return Optional.of("is a pick of " + abbrev(s) + ", which the remote does not have");
            }
            if (s.getParentCount() == 1) {
                allowed.addAll(changedPaths(walk, s.getParent(0), s));
            }
        }
        Set<String> changed = changedPaths(walk, c.getParent(0), c);
        changed.removeAll(allowed);
        if (!changed.isEmpty()) {
            return Optional.of("changes " + changed.stream().sorted().toList() + ", which "
                    + (source == null
                            ? "only a pick could (it changes more than " + versionFile + ")"
                            : "the picked commit does not"));
        }
        return Optional.empty();
    }

    private static Optional<String> tagProblem(GitContext ctx, RevWalk walk, TagDrop t) throws IOException {
        RevObject o = walk.parseAny(t.local());
        if (!(o instanceof RevTag tag)) {
            return Optional.of("is a lightweight tag, which releasekit does not make");
        }
        walk.parseBody(tag);
        Identity me = ctx.settings().identity();
        PersonIdent tagger = tag.getTaggerIdent();
        if (tagger == null
                || !tagger.getName().equals(me.name())
                || !tagger.getEmailAddress().equals(me.email())) {
            return Optional.of("was made by "
                    + (tagger == null ? "(no tagger)" : tagger.getName() + " <" + tagger.getEmailAddress() + ">")
                    + ", not by releasekit");
        }
        return Optional.empty();
    }

    private static boolean isPublished(RevWalk walk, RevCommit c, List<RevCommit> published) throws IOException {
        walk.reset();
        walk.markStart(c);
        for (RevCommit p : published) {
            walk.markUninteresting(p);
        }
        boolean reached = walk.next() == null;
        walk.reset();
        return reached;
    }

    private static Set<String> changedPaths(RevWalk walk, RevCommit parent, RevCommit commit) throws IOException {
        walk.parseHeaders(parent);
        walk.parseHeaders(commit);
        Set<String> paths = new HashSet<>();
        try (TreeWalk tw = new TreeWalk(walk.getObjectReader())) {
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            tw.addTree(parent.getTree());
            tw.addTree(commit.getTree());
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
        }
        return paths;
    }

    private static void apply(GitContext ctx, String remote, Plan p) throws IOException {
        RefWriter.update(
                ctx,
                p.branch().ref(),
                p.local(),
                p.remote(),
                "back to " + remote + "'s " + p.branch() + ", dropping "
                        + p.dropped().size() + " unpushed release commit(s)");
        Repository repo = ctx.repository();
        for (TagDrop t : p.tags()) {
            RefUpdate delete = repo.updateRef(t.ref());
            delete.setExpectedOldObjectId(t.local());
            delete.setForceUpdate(true);
            GitErrors.checkRefUpdate(delete.delete(), t.ref());
            if (t.remote().isPresent()) {
                RefWriter.update(ctx, t.ref(), ObjectId.zeroId(), t.remote().get(), "take " + remote + "'s tag");
            }
        }
    }

    private static boolean hasQuietly(ObjectReader reader, ObjectId id) {
        try {
            return reader.has(id);
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbrev(ObjectId id) {
        return id.abbreviate(12).name();
    }

    private static CommitId id(ObjectId id) {
        return CommitId.of(id.name());
    }
}
