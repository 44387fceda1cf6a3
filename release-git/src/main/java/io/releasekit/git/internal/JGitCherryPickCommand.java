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
 * run, are the new objects written and the branch moved — in one atomic ref update.
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
                head = commit(staged, walk, merger.getResultTreeId(), head, source);
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
                head = Commits.create(
                        staged, walk, tree, List.of(head), ctx.ident(), ctx.ident(), "Set " + path + " to " + next);
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

    private RevCommit commit(StagedObjects staged, RevWalk walk, ObjectId tree, RevCommit parent, RevCommit source)
            throws IOException {
        String message = source.getFullMessage().stripTrailing() + "\n\n" + PICKED_FROM + source.name() + ")\n";
        return Commits.create(staged, walk, tree, List.of(parent), source.getAuthorIdent(), ctx.ident(), message);
    }

    private VersionFile readVersion(ObjectReader reader, RevCommit commit, String path) throws IOException {
        byte[] bytes = TreeFiles.read(reader, commit.getTree(), path)
                .orElseThrow(() -> new NotFoundException("version file '" + path + "' does not exist on branch '"
                        + branch() + "' in repository '" + ctx.name() + "'; cannot bump its patch version"));
        return VersionFile.parse(path, new String(bytes, StandardCharsets.UTF_8));
    }
}
