package io.releasekit.process.recipe;

import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceNames;
import java.util.List;
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
            ctx.plan("push " + toPush + " to " + remote);
            return StepOutcome.succeeded("would push " + toPush + " to " + remote);
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
}
