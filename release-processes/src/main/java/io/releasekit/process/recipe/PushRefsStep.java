package io.releasekit.process.recipe;

import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.process.git.GitProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pushes refs a recipe wrote (a release branch and its tag, main's new VERSION) to the repository's remote, with the
 * lease of {@link SourceRepository#push}: a ref the remote moved since the run fetched is rejected and the step fails
 * with a conflict, nothing overwritten. Several refs go atomically (a release tag is never published without its
 * branch). Strict on {@code git:<remote>}; refs the remote already has: skipped.
 *
 * @param repo the repository
 * @param remote its remote
 * @param name the step name
 * @param refs the full ref names to push, decided from the run's outputs (e.g. the tag an earlier step made)
 */
record PushRefsStep(SourceRepository repo, String remote, String name, Function<StepContext, List<String>> refs)
        implements Step {

    @Override
    public List<ServiceNeed> services() {
        return List.of(ServiceNeed.strict(ServiceNames.git(remote)));
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        List<String> toPush = refs.apply(ctx);
        if (ctx.dryRun()) {
            return plan(ctx, toPush);
        }
        PushResult result =
                repo.push(remote).refs(toPush).atomic(toPush.size() > 1).call();
        result.requireAccepted();
        List<String> pushed = result.outcomes().stream()
                .filter(PushOutcome.Pushed.class::isInstance)
                .map(PushOutcome::ref)
                .toList();
        if (pushed.isEmpty()) {
            return StepOutcome.skipped(remote + " already has " + toPush);
        }
        return StepOutcome.succeeded("pushed " + pushed + " to " + remote);
    }

    /**
     * A dry run plans the refs the real push will send: those an earlier dry-run step plans to write ({@link
     * GitProcesses#PLANS_OUTPUT}), and those whose local value (after the fetch: {@link GitProcesses#FOLLOW_OUTPUT})
     * the remote does not have. A ref the remote already has, with nothing planned on it, is not pushed.
     */
    private StepOutcome plan(StepContext ctx, List<String> toPush) {
        Map<String, CommitId> remoteRefs = repo.remoteRefs(remote); // a guarded port: no guard here
        List<String> planned = new ArrayList<>();
        for (String ref : toPush) {
            boolean written = ctx.output(GitProcesses.PLANS_OUTPUT + ref).isPresent();
            Optional<String> local =
                    ctx.output(GitProcesses.FOLLOW_OUTPUT + ref).or(() -> local(ref));
            CommitId there = remoteRefs.get(ref);
            boolean differs =
                    local.isPresent() && (there == null || !there.value().equals(local.get()));
            if (written || differs) {
                String write = "push " + ref + " to " + remote;
                ctx.plan(PlannedWrite.push(repo.name(), ref, false, write));
                planned.add(ref);
            }
        }
        if (planned.isEmpty()) {
            return StepOutcome.skipped(remote + " already has " + toPush);
        }
        return StepOutcome.succeeded("would push " + planned + " to " + remote);
    }

    private Optional<String> local(String ref) {
        try {
            return Optional.of(repo.resolve(ref).value());
        } catch (io.releasekit.core.NotFoundException e) {
            return Optional.empty();
        }
    }
}
