package io.releasekit.process.git;

import io.releasekit.core.ConflictException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import java.util.List;
import java.util.Map;

/**
 * {@code git.move-branch} (seed 004): move {@code stable} to {@code main} and push it — fast-forward only, unless the
 * run asks for force (then a release manager must approve, since commits on the branch are dropped). Steps: {@code
 * fetch}, {@code move-branch} (already there: skipped; not a fast-forward without force: fails with the reason),
 * {@code push-branch}.
 */
public final class MoveBranchProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.move-branch";

    /**
     * @param repositories the configured repositories
     */
    public MoveBranchProcess(SourceRepositories repositories) {
        super(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Move a branch to a revision (fast-forward only unless forced) and push it, e.g. stable to main";
    }

    @Override
    public ParameterSpec parameters() {
        return commonParameters()
                .string("branch", true, "the branch to move, e.g. stable")
                .string("to", true, "where to move it, e.g. main")
                .bool("force", false, "move even when that is not a fast-forward (default: false)")
                .build();
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters p) {
        return p.bool("force", false) ? ApprovalPolicy.releaseManagers(1) : ApprovalPolicy.none();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repository(p);
        BranchName branch = BranchName.of(p.string("branch"));
        String to = p.string("to");
        boolean force = p.bool("force", false);
        repo.moveBranch(branch.value()).to(to); // checks the names now
        Step move = Step.of("move-branch", List.of(), true, ctx -> {
            MoveOutcome outcome = repo.moveBranch(branch.value())
                    .to(to)
                    .force(force)
                    .dryRun(ctx.dryRun())
                    .call();
            if (outcome instanceof MoveOutcome.Unchanged u) {
                return StepOutcome.skipped(
                        branch + " is already at " + u.id().abbreviated(),
                        outputs("branch", branch.value(), "old", u.id().value(), "new", u.id().value()));
            }
            if (outcome instanceof MoveOutcome.Rejected r) {
                throw new ConflictException(r.reason());
            }
            if (outcome instanceof MoveOutcome.FastForwarded f) {
                return moved(ctx, branch, "fast-forward", f.oldId(), f.newId());
            }
            MoveOutcome.Forced f = (MoveOutcome.Forced) outcome;
            return moved(ctx, branch, "forced", f.oldId(), f.newId());
        });
        return withRemote(
                repo,
                remote(repo, p),
                List.of(move),
                r -> push(repo, r, "push-branch", List.of(branch.ref()), force, Map.of(branch.ref(), "new")));
    }

    private static StepOutcome moved(
            io.releasekit.core.run.StepContext ctx,
            BranchName branch,
            String how,
            io.releasekit.core.scm.CommitId oldId,
            io.releasekit.core.scm.CommitId newId) {
        String summary = (ctx.dryRun() ? "would move " : "moved ") + branch + " " + oldId.abbreviated() + " -> "
                + newId.abbreviated() + " (" + how + ")";
        if (ctx.dryRun()) {
            ctx.plan(summary);
        }
        return StepOutcome.succeeded(
                summary, outputs("branch", branch.value(), "old", oldId.value(), "new", newId.value(), "how", how));
    }
}
