package io.releasekit.api.git;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.RepositoryTag;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import io.releasekit.core.scm.TagOutcome;
import io.releasekit.core.scm.VersionCommit;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/**
 * Response bodies of the repository endpoints: each names its {@code outcome} (kebab-case, e.g. {@code created},
 * {@code already-exists}, {@code fast-forwarded}, {@code conflicted}) and the commit ids involved. In a dry run
 * ({@code dryRun: true}) the ids of new commits are the ids they would have; nothing was written.
 */
public final class GitViews {

    private GitViews() {}

    static String id(CommitId id) {
        return id == null ? null : id.value();
    }

    static String id(Optional<CommitId> id) {
        return id.map(CommitId::value).orElse(null);
    }

    /**
     * A configured repository.
     *
     * @param name its name
     * @param remoteName its remote, when one is configured
     * @param versionFile the VERSION file's path
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Repository")
    public record RepositoryView(String name, String remoteName, String versionFile) {
        static RepositoryView of(RepositoryProperties p) {
            return new RepositoryView(p.getName(), p.hasRemote() ? p.getRemoteName() : null, p.getVersionFile());
        }
    }

    /**
     * A resolved revision.
     *
     * @param ref the revision asked for
     * @param commit the commit it names
     */
    @Serdeable
    @Schema(name = "ResolvedRef")
    public record ResolvedView(String ref, String commit) {}

    /**
     * The VERSION file at a revision.
     *
     * @param ref the revision
     * @param path the VERSION file
     * @param version its value
     */
    @Serdeable
    @Schema(name = "VersionFile")
    public record VersionFileView(String ref, String path, String version) {}

    /**
     * The commit that set the VERSION file to a value.
     *
     * @param version the value
     * @param path the VERSION file
     * @param commit the oldest commit that set it
     * @param commitsExamined how many commits the search examined
     */
    @Serdeable
    @Schema(name = "VersionCommit")
    public record VersionCommitView(String version, String path, String commit, long commitsExamined) {
        static VersionCommitView of(VersionCommit c) {
            return new VersionCommitView(c.version().toString(), c.path(), id(c.commit()), c.commitsExamined());
        }
    }

    /**
     * A tag: {@code created} or {@code already-exists}.
     *
     * @param outcome what happened
     * @param tag the tag
     * @param commit the tagged commit
     * @param annotated whether it is an annotated tag
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @Schema(name = "TagResult")
    public record TagView(String outcome, String tag, String commit, boolean annotated, boolean dryRun) {
        static TagView of(TagOutcome o, boolean dryRun) {
            if (o instanceof TagOutcome.Created c) {
                return new TagView("created", c.tag().value(), id(c.commit()), c.annotated(), dryRun);
            }
            TagOutcome.AlreadyExists e = (TagOutcome.AlreadyExists) o;
            return new TagView("already-exists", e.tag().value(), id(e.commit()), e.annotated(), dryRun);
        }
    }

    /**
     * A tag of a repository, as listed by {@code GET …/tags}.
     *
     * @param name the tag's name
     * @param commit the full id of the commit it names
     * @param annotated whether it is an annotated tag (false: lightweight)
     */
    @Serdeable
    @Schema(name = "RepositoryTag")
    public record TagListingView(String name, String commit, boolean annotated) {
        static TagListingView of(RepositoryTag t) {
            return new TagListingView(t.name().value(), t.commit().value(), t.annotated());
        }
    }

    /**
     * A branch: {@code created} or {@code already-exists}.
     *
     * @param outcome what happened
     * @param branch the branch
     * @param commit where it points
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @Schema(name = "BranchResult")
    public record BranchView(String outcome, String branch, String commit, boolean dryRun) {
        static BranchView of(BranchOutcome o, boolean dryRun) {
            String outcome = o instanceof BranchOutcome.Created ? "created" : "already-exists";
            return new BranchView(outcome, o.branch().value(), id(o.commit()), dryRun);
        }
    }

    /**
     * A branch move: {@code fast-forwarded}, {@code forced}, {@code unchanged} or {@code rejected}.
     *
     * @param outcome what happened
     * @param branch the branch
     * @param oldId where it was
     * @param newId where it is (for {@code rejected}: where it was asked to go)
     * @param reason why a move was rejected
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MoveBranchResult")
    public record MoveView(String outcome, String branch, String oldId, String newId, String reason, boolean dryRun) {
        static MoveView of(MoveOutcome o, boolean dryRun) {
            String b = o.branch().value();
            if (o instanceof MoveOutcome.FastForwarded f) {
                return new MoveView("fast-forwarded", b, id(f.oldId()), id(f.newId()), null, dryRun);
            }
            if (o instanceof MoveOutcome.Forced f) {
                return new MoveView("forced", b, id(f.oldId()), id(f.newId()), null, dryRun);
            }
            if (o instanceof MoveOutcome.Unchanged u) {
                return new MoveView("unchanged", b, id(u.id()), id(u.id()), null, dryRun);
            }
            MoveOutcome.Rejected r = (MoveOutcome.Rejected) o;
            return new MoveView("rejected", b, id(r.current()), id(r.target()), r.reason(), dryRun);
        }
    }

    /**
     * A cherry-pick: {@code picked}, {@code conflicted} or {@code already-applied}.
     *
     * @param outcome what happened
     * @param branch the branch
     * @param oldHead its head before
     * @param newHead its head after ({@code picked} only)
     * @param picked each picked commit and the commit it became
     * @param alreadyApplied commits already on the branch
     * @param conflictCommit the commit that did not apply ({@code conflicted} only)
     * @param conflictFiles the conflicting files ({@code conflicted} only)
     * @param versionFrom the VERSION before a patch bump
     * @param versionTo the VERSION after a patch bump
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CherryPickResult")
    public record PickView(
            String outcome,
            String branch,
            String oldHead,
            String newHead,
            List<PickedView> picked,
            List<String> alreadyApplied,
            String conflictCommit,
            List<String> conflictFiles,
            String versionFrom,
            String versionTo,
            boolean dryRun) {

        static PickView of(PickOutcome o, boolean dryRun) {
            String b = o.branch().value();
            if (o instanceof PickOutcome.Picked p) {
                List<PickedView> picked = p.picked().stream()
                        .map(x -> new PickedView(id(x.source()), id(x.result())))
                        .toList();
                List<String> skipped =
                        p.alreadyApplied().stream().map(GitViews::id).toList();
                String from = p.versionBump().map(v -> v.from().toString()).orElse(null);
                String to = p.versionBump().map(v -> v.to().toString()).orElse(null);
                return new PickView(
                        "picked", b, id(p.oldHead()), id(p.newHead()), picked, skipped, null, null, from, to, dryRun);
            }
            if (o instanceof PickOutcome.Conflicted c) {
                return new PickView(
                        "conflicted", b, id(c.head()), null, null, null, id(c.commit()), c.files(), null, null, dryRun);
            }
            PickOutcome.AlreadyApplied a = (PickOutcome.AlreadyApplied) o;
            List<String> ids = a.commits().stream().map(GitViews::id).toList();
            return new PickView("already-applied", b, id(a.head()), null, null, ids, null, null, null, null, dryRun);
        }
    }

    /**
     * One picked commit.
     *
     * @param source the commit picked
     * @param result the new commit on the branch
     */
    @Serdeable
    @Schema(name = "PickedCommit")
    public record PickedView(String source, String result) {}

    /**
     * A sync of branches with a source.
     *
     * @param source the source branch
     * @param sourceHead its head
     * @param targets one result per target
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @Schema(name = "SyncBranchesResult")
    public record SyncView(String source, String sourceHead, List<SyncTargetView> targets, boolean dryRun) {
        static SyncView of(SyncResult r, boolean dryRun) {
            List<SyncTargetView> targets =
                    r.outcomes().stream().map(SyncTargetView::of).toList();
            return new SyncView(r.source().value(), id(r.sourceHead()), targets, dryRun);
        }
    }

    /**
     * One target of a sync: {@code up-to-date}, {@code fast-forwarded}, {@code merged} or {@code conflicted}.
     *
     * @param target the branch
     * @param outcome what happened
     * @param oldId its head before
     * @param newId its head after (the merge commit for {@code merged})
     * @param files the conflicting files ({@code conflicted} only)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SyncTargetResult")
    public record SyncTargetView(String target, String outcome, String oldId, String newId, List<String> files) {
        static SyncTargetView of(SyncOutcome o) {
            String t = o.target().value();
            if (o instanceof SyncOutcome.UpToDate u) {
                return new SyncTargetView(t, "up-to-date", id(u.head()), id(u.head()), null);
            }
            if (o instanceof SyncOutcome.FastForwarded f) {
                return new SyncTargetView(t, "fast-forwarded", id(f.oldId()), id(f.newId()), null);
            }
            if (o instanceof SyncOutcome.Merged m) {
                return new SyncTargetView(t, "merged", id(m.oldId()), id(m.mergeCommit()), null);
            }
            SyncOutcome.Conflicted c = (SyncOutcome.Conflicted) o;
            return new SyncTargetView(t, "conflicted", id(c.head()), id(c.head()), c.files());
        }
    }

    /**
     * A file commit: {@code committed} or {@code unchanged}.
     *
     * @param outcome what happened
     * @param branch the branch
     * @param path the file
     * @param oldHead the head before
     * @param newHead the head after
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @Schema(name = "CommitResult")
    public record CommitView(
            String outcome, String branch, String path, String oldHead, String newHead, boolean dryRun) {
        static CommitView of(CommitOutcome o, boolean dryRun) {
            if (o instanceof CommitOutcome.Committed c) {
                return new CommitView(
                        "committed", c.branch().value(), c.path(), id(c.oldHead()), id(c.newHead()), dryRun);
            }
            CommitOutcome.Unchanged u = (CommitOutcome.Unchanged) o;
            return new CommitView("unchanged", u.branch().value(), u.path(), id(u.head()), id(u.head()), dryRun);
        }
    }

    /**
     * A push whose every ref was accepted (a refused ref answers 409).
     *
     * @param remote the remote
     * @param refs one result per ref: {@code pushed} or {@code up-to-date}
     * @param dryRun whether nothing was sent
     */
    @Serdeable
    @Schema(name = "PushResult")
    public record PushView(String remote, List<PushRefView> refs, boolean dryRun) {
        static PushView of(PushResult r, boolean dryRun) {
            return new PushView(
                    r.remote(), r.outcomes().stream().map(PushRefView::of).toList(), dryRun);
        }
    }

    /**
     * One pushed ref.
     *
     * @param ref the full ref
     * @param outcome {@code pushed}, {@code up-to-date} or {@code rejected}
     * @param oldId the remote's value before
     * @param newId the value pushed
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PushRefResult")
    public record PushRefView(
            String ref,
            @Schema(
                            allowableValues = {"pushed", "up-to-date", "rejected"},
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String outcome,
            String oldId,
            String newId) {
        static PushRefView of(PushOutcome o) {
            if (o instanceof PushOutcome.Pushed p) {
                return new PushRefView(p.ref(), "pushed", id(p.oldId()), id(p.newId()));
            }
            if (o instanceof PushOutcome.UpToDate u) {
                return new PushRefView(u.ref(), "up-to-date", id(u.id()), id(u.id()));
            }
            return new PushRefView(o.ref(), "rejected", null, null);
        }
    }

    /**
     * What a fetch changed.
     *
     * @param remote the remote
     * @param changes each ref touched, or deliberately left alone; in a dry run with {@code own}, what would be reset
     *     and dropped
     * @param undetermined owned branches whose recovery a dry run could not predict, each with the reason; absent when
     *     every owned branch's outcome is known
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FetchResult")
    public record FetchView(String remote, List<RefChangeView> changes, List<String> undetermined, boolean dryRun) {
        static FetchView of(FetchResult r, boolean dryRun) {
            List<RefChangeView> changes = r.changes().stream()
                    .map(c -> new RefChangeView(
                            c.ref(),
                            c.kind().name().toLowerCase().replace('_', '-'),
                            id(c.oldId()),
                            id(c.newId()),
                            c.dropped().isEmpty()
                                    ? null
                                    : c.dropped().stream().map(GitViews::id).toList()))
                    .toList();
            return new FetchView(r.remote(), changes, r.undetermined().isEmpty() ? null : r.undetermined(), dryRun);
        }
    }

    /**
     * One ref a fetch touched.
     *
     * @param ref the local ref
     * @param kind {@code created}, {@code fast-forwarded}, {@code forced}, {@code deleted}, {@code updated}, {@code
     *     local-ahead}, {@code diverged}, {@code tag-conflict}, {@code reset} or {@code dropped} (an owned branch brought
     *     back to the remote's after a refused push, and the unpublished tag dropped with it)
     * @param oldId before
     * @param newId after
     * @param dropped for {@code reset}: the unpushed release commits the branch no longer has (would no longer have, in
     *     a dry run), newest first; absent otherwise
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RefChange")
    public record RefChangeView(String ref, String kind, String oldId, String newId, List<String> dropped) {}
}
