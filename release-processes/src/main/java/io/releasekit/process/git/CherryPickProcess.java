package io.releasekit.process.git;

import io.releasekit.core.ConflictException;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import java.util.List;
import java.util.Map;

/**
 * {@code git.cherry-pick} (seed 003): pick fixes onto a release branch, optionally raising the VERSION patch number
 * in the last picked commit ({@code separateBumpCommit} for a commit of its own), and push the branch. Steps: {@code
 * fetch} (owning the branch: after a refused push it is brought back to the remote's, dropping the earlier run's
 * unpushed picks, which this run redoes), {@code cherry-pick} (already applied: skipped; a conflict fails the step and
 * names the files), {@code push-branch}.
 */
public final class CherryPickProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.cherry-pick";

    /**
     * @param repositories the configured repositories
     */
    public CherryPickProcess(SourceRepositories repositories) {
        super(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Cherry-pick commits onto a branch, optionally bumping the VERSION patch number, and push it";
    }

    @Override
    public ParameterSpec parameters() {
        return commonParameters()
                .string("branch", true, "the branch to pick onto, e.g. aether-2.1")
                .strings("commits", true, "the commits to pick, in order")
                .bool(
                        "bumpPatch",
                        false,
                        "raise the VERSION patch number in the same operation: the last picked commit carries it"
                                + " (default: false)")
                .bool(
                        "separateBumpCommit",
                        false,
                        "with bumpPatch: put the VERSION change in a commit of its own after the picks (default:"
                                + " false)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repository(p);
        BranchName branch = BranchName.of(p.string("branch"));
        List<String> commits = p.strings("commits");
        boolean bump = p.bool("bumpPatch", false);
        boolean separate = p.bool("separateBumpCommit", false);
        repo.cherryPick(branch.value()).commits(commits); // checks every name now
        Step pick = Step.of("cherry-pick", List.of(), true, ctx -> {
            PickOutcome outcome = repo.cherryPick(branch.value())
                    .commits(commits)
                    .bumpPatch(bump)
                    .separateBumpCommit(separate)
                    .dryRun(ctx.dryRun())
                    .call();
            if (outcome instanceof PickOutcome.Conflicted c) {
                throw new ConflictException("commit " + c.commit().abbreviated() + " does not apply to " + branch
                        + ": conflicts in " + c.files() + "; " + branch + " was left as it was");
            }
            if (outcome instanceof PickOutcome.AlreadyApplied a) {
                return StepOutcome.skipped(
                        "every commit is already on " + branch,
                        outputs("branch", branch.value(), "head", a.head().value()));
            }
            PickOutcome.Picked picked = (PickOutcome.Picked) outcome;
            String summary =
                    (ctx.dryRun() ? "would pick " : "picked ") + picked.picked().size() + " commit(s) onto " + branch
                            + picked.versionBump()
                                    .map(v -> ", VERSION " + v.from() + " -> " + v.to())
                                    .orElse("");
            if (ctx.dryRun()) {
                ctx.plan(summary + "; " + branch + " would move to " + picked.newHead());
            }
            return StepOutcome.succeeded(
                    summary,
                    outputs(
                            "branch", branch.value(),
                            "oldHead", picked.oldHead().value(),
                            "head", picked.newHead().value(),
                            "version",
                                    picked.versionBump()
                                            .map(v -> v.to().toString())
                                            .orElse(null)));
        });
        return withRemote(
                repo,
                remote(repo, p),
                List.of(branch.value()),
                List.of(pick),
                r -> push(repo, r, "push-branch", List.of(branch.ref()), false, Map.of(branch.ref(), "head")));
    }
}
