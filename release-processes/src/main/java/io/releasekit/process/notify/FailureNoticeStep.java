package io.releasekit.process.notify;

import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Posts what failed to a channel whose deployment notice {@link RestoreTopicStep} keeps up: when one of the steps named
 * in the keep set failed (seed 004: production did not report the commits moved to {@code stable}), the users who read
 * "redeployment in progress" learn why it stays. It {@link #runsAlways() runs always} and ends {@code skipped} in every
 * other case (no failure, or a failure after which the topic is restored); the post carries the step's {@link
 * StepContext#idempotencyKey() idempotency key}, so a replay does not post twice. Deferrable, like every chat step.
 *
 * <p>Its dry run plans the post as a contingency ({@code post channel <name>}): the run's plan, and so the approvals
 * and the protected notifier's check, cover it, although a run in which nothing fails never posts it.
 *
 * <p>Outputs: {@code notify.<channel>.ids} (as {@link PostMessageStep}).
 */
public final class FailureNoticeStep implements Step {

    private final Notifier notifier;
    private final Set<String> keepAfter;

    /** A step posting to {@code notifier}'s channel when one of the steps in {@code keepAfter} failed. */
    public FailureNoticeStep(Notifier notifier, Set<String> keepAfter) {
        this.notifier = notifier;
        this.keepAfter = Set.copyOf(keepAfter);
    }

    @Override
    public String name() {
        return "failure-notice-" + notifier.name();
    }

    @Override
    public List<ServiceNeed> services() {
        return List.of(ServiceNeed.deferrable(notifier.service()));
    }

    @Override
    public boolean runsAlways() {
        return true;
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        Optional<StepRecord> failed = ctx.failedStep().filter(f -> keepAfter.contains(f.name()));
        String where = "channel '" + notifier.name() + "' (" + notifier.type() + ")";
        if (ctx.dryRun()) {
            // a contingency: the plan names the post, so the run is approved for it, though a run that goes well
            // never makes it
            ctx.plan(PlannedWrite.post(
                    notifier.name(),
                    "would post what failed to " + where + " if one of " + new TreeSet<>(keepAfter) + " fails"));
            return StepOutcome.skipped("posts to " + where + " only if one of " + new TreeSet<>(keepAfter) + " fails");
        }
        if (failed.isEmpty()) {
            return StepOutcome.skipped("no step after which the notice stays failed: nothing to post to " + where);
        }
        Message message = Message.of("The deployment is not finished and the notice stays up: step '"
                + failed.get().name() + "' failed: " + failed.get().summary() + " (run " + ctx.runId() + ")");
        Delivery d = notifier.post(message, ctx.idempotencyKey());
        Map<String, String> out = Map.of(PostMessageStep.idsKey(notifier.name()), String.join(",", d.ids()));
        if (d.alreadyDelivered()) {
            return StepOutcome.skipped("already posted what failed to " + where, out);
        }
        return StepOutcome.succeeded("posted what failed to " + where, out);
    }
}
