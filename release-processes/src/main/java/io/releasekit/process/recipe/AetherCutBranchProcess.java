package io.releasekit.process.recipe;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
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
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.VersionPolicy;
import io.releasekit.process.ParameterBlocks;
import io.releasekit.process.git.GitProcesses;
import io.releasekit.process.git.LazyBranchProcess;
import io.releasekit.process.image.ReleaseCheckStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aether.cut-branch} (seed 003): cut the release branch of a line and move main on —
 *
 * <ol>
 *   <li>{@code branch:*}: the steps of {@code git.lazy-branch}: {@code aether-x.y} created, if missing, at the commit
 *       that set VERSION to {@code x.y.0}, and pushed;
 *   <li>{@code bump-main}: main's VERSION to {@code x.(y+1).0-dev} ({@link VersionPolicy#afterBranchCut}; the charts
 *       repository's overall VERSION too, seed 003: only chart versions in Chart.yaml, bumped by {@code chart.bump},
 *       never carry {@code -dev}); a main already past the line is left alone;
 *   <li>{@code push-main}: main pushed with a lease when the repository has a remote (someone else moved main since
 *       the fetch: the step fails with a conflict and overwrites nothing).
 * </ol>
 *
 * A repeated run finds the branch and main's VERSION done and writes nothing. With {@code checkDockerfiles} and/or
 * {@code checkChart}, a {@code release-checks} gate (the {@code image.check} / {@code chart.check} rules on main's
 * files) runs right after the fetch and fails the run, listing every finding, before anything is written.
 *
 * <p>{@code branch:fetch} owns both the release branch and main ({@link io.releasekit.core.scm.FetchCommand#own}, the
 * one recovery mechanism of every git kind): when an earlier attempt's bump was refused by the remote (someone pushed
 * to main meanwhile), the local main holds that unpushed bump, diverged from the remote's; the fetch resets it to the
 * remote's main, dropping only releasekit's own commit (its summary lists it), and the bump is redone on top — so a
 * rerun completes instead of failing on the same rejected push forever. In a dry run the fetch only predicts that
 * reset, and {@code bump-main} plans on the commit main would be reset to.
 */
public final class AetherCutBranchProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "aether.cut-branch";

    private final SourceRepositories repositories;
    private final LazyBranchProcess lazyBranch;

    /** The recipe over the configured repositories. */
    public AetherCutBranchProcess(SourceRepositories repositories) {
        this.repositories = repositories;
        this.lazyBranch = new LazyBranchProcess(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Aether branch cut: release branch aether-x.y at the commit that set VERSION to x.y.0, main's VERSION to"
                + " x.(y+1).0-dev (seed 003)";
    }

    @Override
    public ParameterSpec parameters() {
        return ReleaseCheckStep.gateParameters(ParameterSpec.builder())
                .with(ParameterBlocks.REPOSITORY)
                .string("line", false, "the release line x.y, e.g. 2.1 (or give version)")
                .string("version", false, "the released version x.y.0 the branch starts at, e.g. 2.1.0 (or give line)")
                .string(
                        "from",
                        false,
                        "the main branch: where the x.y.0 commit is searched and VERSION moves on" + " (default main)")
                .string("branchPrefix", false, "release branch prefix (default aether-)")
                .string(
                        "policy",
                        false,
                        "components (default) or charts (the charts repository: its VERSION also goes to x.(y+1).0-dev;"
                                + " chart versions are bumped by chart.bump, never -dev)")
                .bool("push", false, "push to the repository's remote (default: when it has one)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repositories.get(p.string("repository"));
        SemVer base = base(p);
        VersionPolicy policy = policy(p);
        String branch = policy.releaseBranch(p.optionalString("branchPrefix").orElse("aether-"), base);
        BranchName.of(branch);
        String from = BranchName.of(p.optionalString("from").orElse("main")).value();
        Map<String, Object> lazy = new LinkedHashMap<>();
        lazy.put("repository", p.string("repository"));
        lazy.put("branch", branch);
        lazy.put("version", base.toString());
        lazy.put("from", from);
        if (p.has("push")) {
            lazy.put("push", p.bool("push", true));
        }
        List<Step> steps = new ArrayList<>();
        Optional<String> remote = repo.defaultRemote().filter(r -> p.bool("push", true));
        RunParameters lazyParams = lazyBranch.parameters().validate(lazy);
        for (Step s : lazyBranch.steps(lazyParams)) {
            // the run writes main too: its fetch owns both, so a bump refused earlier is recovered like a pick
            Step step = s.name().equals("fetch")
                    ? GitProcesses.fetchStep(repo, remote.orElseThrow(), List.of(branch, from))
                    : s;
            steps.add(new MappedStep(step, "branch:" + s.name(), lazyParams.asMap(), Map.of()));
        }
        ReleaseCheckStep.insertGate(steps, repo, from, p);
        steps.add(new BumpMainStep(repo, from, base, policy));
        remote.ifPresent(r -> steps.add(new PushRefsStep(repo, r, "push-main", ctx -> List.of("refs/heads/" + from))));
        return steps;
    }

    /** {@code x.y.0} from {@code line} or {@code version} (exactly one, a release of patch 0). */
    private static SemVer base(RunParameters p) {
        Optional<String> line = p.optionalString("line");
        Optional<String> version = p.optionalString("version");
        if (line.isPresent() == version.isPresent()) {
            throw new InvalidInputException("give either 'line' (x.y) or 'version' (x.y.0), was line="
                    + line.orElse("(none)") + ", version=" + version.orElse("(none)"));
        }
        if (line.isPresent() && !line.get().matches("\\d+\\.\\d+")) {
            throw new InvalidInputException("parameter 'line' must be x.y, e.g. 2.1, was '" + line.get() + "'");
        }
        SemVer v = SemVer.parse(line.map(l -> l + ".0").orElseGet(version::get));
        if (v.isPreRelease() || v.patch() != 0) {
            throw new InvalidInputException(
                    "parameter 'version' must be the line's first release x.y.0, e.g. 2.1.0, was '" + v + "'");
        }
        return v;
    }

    private static VersionPolicy policy(RunParameters p) {
        String name = p.optionalString("policy").orElse("components").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "components" -> VersionPolicy.components();
            case "charts" -> VersionPolicy.chartsRepository();
            default ->
                throw new InvalidInputException(
                        "parameter 'policy' must be components or charts, was '" + p.string("policy") + "'");
        };
    }

    /** Moves main's VERSION past the line just cut. */
    private record BumpMainStep(SourceRepository repo, String main, SemVer base, VersionPolicy policy) implements Step {

        /** The outputs of a dry run that plans a commit on main: the push step then plans pushing it. */
        private Map<String, String> planning(Map<String, String> out) {
            Map<String, String> all = new LinkedHashMap<>(out);
            all.put(GitProcesses.PLANS_OUTPUT + "refs/heads/" + main, "commit");
            return all;
        }

        @Override
        public String name() {
            return "bump-main";
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            // a dry run's fetch only predicted a reset of main (recovery after a refused bump): plan on that commit
            // the same when the real fetch would move main to the remote's: the bump is made on that commit
            Optional<String> resetTo = ctx.dryRun()
                    ? ctx.output(GitProcesses.RESET_OUTPUT + "refs/heads/" + main)
                            .or(() -> ctx.output(GitProcesses.FOLLOW_OUTPUT + "refs/heads/" + main))
                    : Optional.empty();
            SemVer current = repo.readVersion(resetTo.orElse(main));
            SemVer next = policy.afterBranchCut(base).to();
            SemVer line = SemVer.of(current.major(), current.minor(), 0);
            String note = resetTo.map(id -> " (on the remote's " + main + " " + id.substring(0, 12)
                            + ", which the fetch would reset it to)")
                    .orElse("");
            if (line.isHigherThan(base)) {
                return StepOutcome.skipped(
                        "VERSION on " + main + " is already " + current + ", past " + base.major() + "." + base.minor()
                                + note,
                        Map.of("mainVersion", current.toString()));
            }
            if (base.isHigherThan(line)) {
                throw new ConflictException("VERSION on " + main + " is " + current + ", older than the line "
                        + base.major() + "." + base.minor() + " being cut; " + main + " was left as it was");
            }
            Map<String, String> out = Map.of("mainVersion", next.toString());
            if (resetTo.isPresent()) {
                if (current.equals(next)) {
                    return StepOutcome.skipped("VERSION on " + main + " is already " + next + note, out);
                }
                ctx.plan(PlannedWrite.of(
                        new ProtectedTarget.GitBranch(repo.name(), main),
                        WriteOperation.COMMIT,
                        "set VERSION on " + main + " from " + current + " to " + next + note));
                return StepOutcome.succeeded(
                        "would set VERSION on " + main + " " + current + " -> " + next + note, planning(out));
            }
            CommitOutcome outcome = repo.setVersion(main, next.toString())
                    .message("Start " + next + " (" + base.major() + "." + base.minor() + " branched)")
                    .dryRun(ctx.dryRun())
                    .call();
            if (outcome instanceof CommitOutcome.Unchanged) {
                return StepOutcome.skipped("VERSION on " + main + " is already " + next, out);
            }
            if (ctx.dryRun()) {
                ctx.plan("set VERSION on " + main + " from " + current + " to " + next);
            }
            return StepOutcome.succeeded(
                    (ctx.dryRun() ? "would set" : "set") + " VERSION on " + main + " " + current + " -> " + next,
                    ctx.dryRun() ? planning(out) : out);
        }
    }
}
