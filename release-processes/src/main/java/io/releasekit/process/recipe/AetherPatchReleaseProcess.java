package io.releasekit.process.recipe;

import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.ProtectedTarget;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.TagName;
import io.releasekit.core.scm.TagOutcome;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.VersionPolicy;
import io.releasekit.process.ParameterBlocks;
import io.releasekit.process.git.CherryPickProcess;
import io.releasekit.process.git.GitProcesses;
import io.releasekit.process.git.LazyBranchProcess;
import io.releasekit.process.image.ReleaseCheckStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aether.patch-release} (seed 003): a patch release of an Aether component on its release branch —
 *
 * <ol>
 *   <li>{@code branch:*}: the steps of {@code git.lazy-branch}: {@code aether-x.y} created, if missing, at the commit
 *       that set VERSION to {@code x.y.0};
 *   <li>{@code pick:*}: the steps of {@code git.cherry-pick} with the patch bump carried by the picked commit itself
 *       (one commit holding the fix and VERSION {@code x.y.n});
 *   <li>{@code tag-release}: tag {@code <tagPrefix>x.y.n} at the branch head;
 *   <li>{@code bump-dev}: VERSION to {@code x.y.(n+1)-dev} at once (the {@code VersionPolicy});
 *   <li>{@code push-release}: branch and tag pushed, with a lease and atomically, when the repository has a remote.
 * </ol>
 *
 * <p>With {@code checkDockerfiles} and/or {@code checkChart}, a {@code release-checks} gate checks those files at the
 * last fix commit right after {@code branch:fetch} and fails the run, listing every finding, before anything is
 * written.
 *
 * <p>The fetch steps own the release branch: when an earlier run's push was refused because someone pushed to the
 * branch meanwhile, the rerun's {@code branch:fetch} brings the working clone's branch back to the server's, dropping
 * only that run's unpushed release commits and tag (its summary lists them), and the fix is picked onto their commit
 * (see {@link io.releasekit.core.scm.FetchCommand#own}).
 */
public final class AetherPatchReleaseProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "aether.patch-release";

    private final SourceRepositories repositories;
    private final LazyBranchProcess lazyBranch;
    private final CherryPickProcess cherryPick;

    /** The recipe over the configured repositories. */
    public AetherPatchReleaseProcess(SourceRepositories repositories) {
        this.repositories = repositories;
        this.lazyBranch = new LazyBranchProcess(repositories);
        this.cherryPick = new CherryPickProcess(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Aether patch release: lazy release branch, cherry-picked fix with patch bump, tag, back to -dev"
                + " (seed 003)";
    }

    @Override
    public ParameterSpec parameters() {
        return ReleaseCheckStep.gateParameters(ParameterSpec.builder())
                .with(ParameterBlocks.REPOSITORY)
                .string("line", true, "the release line x.y, e.g. 2.1")
                .strings("commits", true, "the fix commits on main, in order")
                .string("branchPrefix", false, "release branch prefix (default aether-)")
                .string("tagPrefix", false, "tag prefix (default none: the tag is x.y.n)")
                .string("from", false, "where to search for the x.y.0 commit (default main)")
                .bool("push", false, "push to the repository's remote (default: when it has one)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repositories.get(p.string("repository"));
        SemVer base = SemVer.parse(p.string("line") + ".0");
        String branch = VersionPolicy.components()
                .releaseBranch(p.optionalString("branchPrefix").orElse("aether-"), base);
        BranchName.of(branch);
        Map<String, Object> lazy = new LinkedHashMap<>();
        lazy.put("repository", p.string("repository"));
        lazy.put("branch", branch);
        lazy.put("version", base.toString());
        lazy.put("from", p.optionalString("from").orElse("main"));
        if (p.has("push")) {
            lazy.put("push", p.bool("push", true));
        }
        Map<String, Object> pick = new LinkedHashMap<>();
        pick.put("repository", p.string("repository"));
        pick.put("branch", branch);
        pick.put("commits", p.strings("commits"));
        pick.put("bumpPatch", true);
        if (p.has("push")) {
            pick.put("push", p.bool("push", true));
        }
        List<Step> steps = new ArrayList<>();
        RunParameters lazyParams = lazyBranch.parameters().validate(lazy);
        for (Step s : lazyBranch.steps(lazyParams)) {
            steps.add(new MappedStep(s, "branch:" + s.name(), lazyParams.asMap(), Map.of()));
        }
        RunParameters pickParams = cherryPick.parameters().validate(pick);
        for (Step s : cherryPick.steps(pickParams)) {
            Step mapped = new MappedStep(s, "pick:" + s.name(), pickParams.asMap(), Map.of());
            steps.add(s.name().equals("cherry-pick") ? new PickOnPlannedBranch(mapped, repo, branch) : mapped);
        }
        List<String> fixes = p.strings("commits");
        ReleaseCheckStep.insertGate(steps, repo, fixes.get(fixes.size() - 1), p);
        String tagPrefix = p.optionalString("tagPrefix").orElse("");
        steps.add(new TagStep(repo, branch, tagPrefix));
        steps.add(new DevStep(repo, branch));
        Optional<String> remote = repo.defaultRemote().filter(r -> p.bool("push", true));
        remote.ifPresent(r -> steps.add(new PushRefsStep(
                repo,
                r,
                "push-release",
                ctx -> List.of(
                        "refs/heads/" + branch, "refs/tags/" + ctx.output("tag").orElseThrow()))));
        return steps;
    }

    /**
     * The version this run releases: the one the pick set; when the pick found the fix already on the branch (a
     * repeated run), the branch's VERSION if it is a release, else the release just before its {@code -dev} value
     * (whose tag then already exists, so nothing new is released).
     */
    private static SemVer released(StepContext ctx, SourceRepository repo, String branch) {
        Optional<SemVer> picked =
                ctx.output("version").filter(v -> !v.isBlank()).map(SemVer::parse);
        if (picked.isPresent()) {
            return picked.get();
        }
        SemVer current = repo.readVersion(branch);
        if (!current.isPreRelease()) {
            return current;
        }
        SemVer release = current.release();
        return release.patch() == 0 ? release : SemVer.of(release.major(), release.minor(), release.patch() - 1);
    }

    /** Whether an earlier dry-run step plans a commit on the branch (the pick). */
    private static boolean branchMoves(StepContext ctx, String branch) {
        return ctx.output(GitProcesses.PLANS_OUTPUT + "refs/heads/" + branch).isPresent();
    }

    /** A planned commit on the release branch. */
    private static PlannedWrite branchWrite(SourceRepository repo, String branch, String text) {
        return PlannedWrite.of(new ProtectedTarget.GitBranch(repo.name(), branch), WriteOperation.COMMIT, text);
    }

    private static boolean branchExists(SourceRepository repo, String branch) {
        try {
            repo.resolve("refs/heads/" + branch);
            return true;
        } catch (io.releasekit.core.NotFoundException missing) {
            return false;
        }
    }

    /**
     * {@code git.cherry-pick}'s step, except in a dry run where the release branch does not exist yet (the lazy-branch
     * step only planned it): then the pick is planned onto the commit that branch would start at, with the VERSION it
     * would bring; conflicts can only be checked once the branch exists.
     */
    private record PickOnPlannedBranch(Step pick, SourceRepository repo, String branch) implements Step {
        @Override
        public String name() {
            return pick.name();
        }

        @Override
        public List<io.releasekit.core.run.ServiceNeed> services() {
            return pick.services();
        }

        @Override
        public boolean writes() {
            return pick.writes();
        }

        @Override
        public StepOutcome execute(StepContext ctx) throws Exception {
            Optional<String> start = ctx.output("commit");
            if (!ctx.dryRun() || start.isEmpty() || branchExists(repo, branch)) {
                return pick.execute(ctx);
            }
            SemVer from = repo.readVersion(start.get());
            SemVer to = VersionPolicy.components().patchForFix(from);
            String plan = "pick " + ctx.parameters().strings("commits") + " onto " + branch + " (to be created at "
                    + start.get() + "), VERSION " + from + " -> " + to;
            ctx.plan(branchWrite(repo, branch, plan));
            return StepOutcome.succeeded(
                    "would " + plan + "; conflicts are checked once the branch exists",
                    Map.of(
                            "branch",
                            branch,
                            "version",
                            to.toString(),
                            GitProcesses.PLANS_OUTPUT + "refs/heads/" + branch,
                            "pick"));
        }
    }

    /** Tags the patch release at the branch head. */
    private record TagStep(SourceRepository repo, String branch, String prefix) implements Step {
        @Override
        public String name() {
            return "tag-release";
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            SemVer version = released(ctx, repo, branch);
            String tag = TagName.of(prefix + version).value();
            Map<String, String> done = Map.of("tag", tag, "releaseVersion", version.toString());
            if (ctx.dryRun() && (!branchExists(repo, branch) || branchMoves(ctx, branch))) {
                // the branch is created or moved by the pick only in the real run: the tag goes on the pick's commit
                ctx.plan(PlannedWrite.of(
                        new ProtectedTarget.GitTag(repo.name(), tag),
                        WriteOperation.CREATE,
                        "create tag " + tag + " at the head of " + branch + " after the pick"));
                Map<String, String> planned = new LinkedHashMap<>(done);
                planned.put(GitProcesses.PLANS_OUTPUT + "refs/tags/" + tag, "tag");
                return StepOutcome.succeeded(
                        "would tag " + tag + " at the head of " + branch + " after the pick", planned);
            }
            if (ctx.output("version").filter(v -> !v.isBlank()).isEmpty()) {
                // the fix was already on the branch: a repeated run; the release exists if its tag does
                try {
                    repo.resolve("refs/tags/" + tag);
                    return StepOutcome.skipped("the fix is already released as " + tag, done);
                } catch (io.releasekit.core.NotFoundException notYet) {
                    // picked by an earlier attempt that stopped before tagging: tag it now
                }
            }
            TagOutcome outcome = repo.tag(tag)
                    .at(branch)
                    .annotated("Release " + version)
                    .dryRun(ctx.dryRun())
                    .call();
            Map<String, String> out = Map.of("tag", tag, "releaseVersion", version.toString());
            if (outcome instanceof TagOutcome.AlreadyExists) {
                return StepOutcome.skipped("tag " + tag + " already exists", out);
            }
            if (ctx.dryRun()) {
                ctx.plan("create tag " + tag + " at " + outcome.commit());
                out = new LinkedHashMap<>(out);
                out.put(GitProcesses.PLANS_OUTPUT + "refs/tags/" + tag, "tag");
            }
            return StepOutcome.succeeded(
                    (ctx.dryRun() ? "would tag " : "tagged ") + tag + " at "
                            + outcome.commit().abbreviated(),
                    out);
        }
    }

    /** Sets VERSION to the next -dev version at once. */
    private record DevStep(SourceRepository repo, String branch) implements Step {
        @Override
        public String name() {
            return "bump-dev";
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            SemVer released = SemVer.parse(ctx.output("releaseVersion").orElseThrow());
            if (ctx.dryRun() && (!branchExists(repo, branch) || branchMoves(ctx, branch))) {
                // after the real pick, VERSION on the branch is the released one: the bump follows at once
                String next =
                        VersionPolicy.components().afterRelease(released).to().toString();
                ctx.plan(branchWrite(repo, branch, "set VERSION on " + branch + " to " + next));
                return StepOutcome.succeeded("would set VERSION on " + branch + " to " + next);
            }
            SemVer current = repo.readVersion(branch);
            if (!current.equals(released)) {
                return StepOutcome.skipped("VERSION on " + branch + " is already " + current);
            }
            String next = VersionPolicy.components().afterRelease(released).to().toString();
            CommitOutcome outcome = repo.setVersion(branch, next)
                    .message("Start " + next)
                    .dryRun(ctx.dryRun())
                    .call();
            if (ctx.dryRun()) {
                ctx.plan("set VERSION on " + branch + " to " + next);
            }
            if (outcome instanceof CommitOutcome.Unchanged) {
                return StepOutcome.skipped("VERSION on " + branch + " is already " + next);
            }
            return StepOutcome.succeeded("VERSION on " + branch + " " + released + " -> " + next);
        }
    }
}
