package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.CherryPickCommand;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.VersionPolicy;
import io.releasekit.core.version.VersionPolicy.VersionChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * {@link CherryPickCommand} on JGit. Every pick is a three-way merge computed in memory (base: the picked commit's
 * parent) on top of the branch's head, never in the working tree; only when every pick applied, and it is not a dry
 * run, are the new objects written and the branch moved — in one atomic ref update. A patch bump is folded into the
 * last pick's commit (its tree carries the new VERSION, its message says so before the {@code -x} line), or is a
 * commit of its own when {@link #separateBumpCommit(boolean)} asks. (The pick commit computed before the bump is
 * left unreferenced, as {@code git commit --amend} leaves the commit it replaces.)
 */
public final class JGitCherryPickCommand extends CherryPickCommand {

    private static final String PICKED_FROM = "(cherry picked from commit ";

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param branch the branch to pick onto
     */
    public JGitCherryPickCommand(GitContext ctx, String branch) {
        super(branch);
        this.ctx = ctx;
    }

    @Override
    protected PickOutcome execute() {
        return ctx.write("cherry-pick onto '" + branch() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private PickOutcome run() throws IOException {
        Repository repo = ctx.repository();
        String path = versionFile().orElse(ctx.settings().versionFile());
        StagedObjects staged = new StagedObjects(repo);
        try (ObjectReader reader = staged.newReader();
                RevWalk walk = new RevWalk(reader)) {
            RevCommit start = Revisions.branchHead(ctx, walk, branch());
            List<RevCommit> sources = resolveSources(walk);
            if (bumpPatch()) {
                readVersion(reader, start, path); // fail before any work when VERSION is missing or not SemVer
            }
            RevCommit head = start;
            List<PickOutcome.PickedCommit> picked = new ArrayList<>();
            List<CommitId> skipped = new ArrayList<>();
            for (RevCommit source : sources) {
                if (isOnBranch(reader, walk, source, head)) {
                    skipped.add(id(source));
                    continue;
                }
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(staged, repo.getConfig());
                merger.setBase(source.getParent(0));
                if (!merger.merge(false, head, source)) {
                    return new PickOutcome.Conflicted(branch(), id(start), id(source), Merges.conflictingFiles(merger));
                }
                if (merger.getResultTreeId().equals(head.getTree())) {
                    skipped.add(id(source));
                    continue;
                }
                head = commit(staged, walk, merger.getResultTreeId(), head, source, null);
                picked.add(new PickOutcome.PickedCommit(id(source), id(head)));
            }
            if (picked.isEmpty()) {
                return new PickOutcome.AlreadyApplied(branch(), id(start), skipped);
            }
            Optional<VersionChange> bump = Optional.empty();
            if (bumpPatch()) {
                VersionFile current = readVersion(reader, head, path);
                SemVer next = VersionPolicy.components().patchForFix(current.version());
                byte[] content = (next + current.lineEnding()).getBytes(StandardCharsets.UTF_8);
                ObjectId tree = TreeFiles.withFile(staged, reader, head.getTree(), path, content);
                String note = "Set " + path + " to " + next;
                if (separateBumpCommit()) {
                    head = Commits.create(staged, walk, tree, List.of(head), ctx.ident(), ctx.ident(), note);
                } else {
                    // the last pick carries the bump: the same parent, author and source, the tree with the new VERSION
                    PickOutcome.PickedCommit last = picked.remove(picked.size() - 1);
                    RevCommit source =
                            walk.parseCommit(ObjectId.fromString(last.source().value()));
                    head = commit(staged, walk, tree, head.getParent(0), source, note + " (patch release).");
                    picked.add(new PickOutcome.PickedCommit(last.source(), id(head)));
                }
                bump = Optional.of(new VersionChange(current.version(), next));
            }
            if (!isDryRun()) {
                staged.writeTo(repo);
                RefWriter.update(ctx, branch().ref(), start, head, "cherry-pick " + picked.size() + " commit(s)");
            }
            return new PickOutcome.Picked(branch(), id(start), id(head), picked, skipped, bump);
        }
    }

    private List<RevCommit> resolveSources(RevWalk walk) throws IOException {
        List<RevCommit> sources = new ArrayList<>();
        for (String revision : commits()) {
            RevCommit c = Revisions.commit(ctx, walk, revision);
            if (c.getParentCount() != 1) {
                throw new InvalidInputException("commit " + c.abbreviate(12).name() + " ('" + revision + "') has "
                        + c.getParentCount() + " parents; only commits with exactly one parent can be cherry-picked");
            }
            walk.parseHeaders(c.getParent(0));
            sources.add(c);
        }
        return sources;
    }

    /** Whether {@code source} is already on the branch: an ancestor, or picked before with {@code -x}. */
    private static boolean isOnBranch(ObjectReader reader, RevWalk walk, RevCommit source, RevCommit head)
            throws IOException {
        if (walk.isMergedInto(source, head)) {
            return true;
        }
        String marker = PICKED_FROM + source.name() + ")";
        try (RevWalk branchOnly = new RevWalk(reader)) {
            branchOnly.markStart(branchOnly.parseCommit(head));
            branchOnly.markUninteresting(branchOnly.parseCommit(source));
            for (RevCommit c : branchOnly) {
                if (c.getFullMessage().contains(marker)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A pick's commit: the source's author and message, releasekit as committer, and the {@code -x} line last; a note
     * (the VERSION bump the commit also carries) goes just before that line.
     */
    private RevCommit commit(
            StagedObjects staged, RevWalk walk, ObjectId tree, RevCommit parent, RevCommit source, String note)
            throws IOException {
        String message = source.getFullMessage().stripTrailing() + "\n\n" + (note == null ? "" : note + "\n")
                + PICKED_FROM + source.name() + ")\n";
        return Commits.create(staged, walk, tree, List.of(parent), source.getAuthorIdent(), ctx.ident(), message);
    }

    private VersionFile readVersion(ObjectReader reader, RevCommit commit, String path) throws IOException {
        byte[] bytes = TreeFiles.read(reader, commit.getTree(), path)
                .orElseThrow(() -> new NotFoundException("version file '" + path + "' does not exist on branch '"
                        + branch() + "' in repository '" + ctx.name() + "'; cannot bump its patch version"));
        return VersionFile.parse(path, new String(bytes, StandardCharsets.UTF_8));
    }
}
