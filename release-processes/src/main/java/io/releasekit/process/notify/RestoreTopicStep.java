package io.releasekit.process.notify;

import io.releasekit.core.ConflictException;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts back the topic a {@link SetTopicStep} of the same run replaced, reading it from that step's outputs. It {@link
 * #runsAlways() runs always}, like a {@code finally} block, so a failed deployment does not leave the "redeploying"
 * banner up.
 *
 * <ul>
 *   <li>The set step never ran, failed or was deferred: nothing to restore, {@code skipped} (a deferred set step
 *       skips itself when replayed after the run, see {@link SetTopicStep}).
 *   <li>The topic is already the previous one: {@code skipped}.
 *   <li>Someone changed the topic during the run (it is neither the run's topic nor the previous one): left alone,
 *       {@code skipped}, so their change is not overwritten.
 *   <li>A step named in the keep set failed (a deployment whose production check failed): the notice stays up,
 *       {@code skipped} — the deployment is not over, and {@link FailureNoticeStep} says why.
 *   <li>The previous topic is unknown (the set step found its topic already in place): the run's {@code restoreTopic}
 *       parameter is used; without it the step fails with a {@link ConflictException} asking a person to restore it.
 * </ul>
 */
public final class RestoreTopicStep implements Step {

    /** The run parameter used when the topic before the run is unknown. */
    public static final String RESTORE_TOPIC_PARAMETER = "restoreTopic";

    private final Notifier notifier;
    private final Set<String> keepAfter;

    /** A step restoring the topic of {@code notifier}'s channel. */
    public RestoreTopicStep(Notifier notifier) {
        this(notifier, Set.of());
    }

    /**
     * A step restoring the topic of {@code notifier}'s channel, unless one of the steps named in {@code keepAfter} failed:
     * then the notice stays up.
     */
    public RestoreTopicStep(Notifier notifier, Set<String> keepAfter) {
        this.notifier = notifier;
        this.keepAfter = Set.copyOf(keepAfter);
    }

    @Override
    public String name() {
        return "restore-topic-" + notifier.name();
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
        String channel = notifier.name();
        Optional<String> set = ctx.output(SetTopicStep.setKey(channel));
        if (set.isEmpty()) {
            return StepOutcome.skipped("topic of channel '" + channel + "' was not changed by this run");
        }
        Optional<StepRecord> failed = ctx.failedStep().filter(f -> keepAfter.contains(f.name()));
        if (failed.isPresent()) {
            return StepOutcome.skipped("keeping the notice on channel '" + channel + "': step '"
                    + failed.get().name() + "' failed");
        }
        String previous = previousTopic(ctx, channel, set.get());
        if (ctx.dryRun()) {
            ctx.plan(PlannedWrite.topic(channel, "restore topic of channel '" + channel + "' to '" + previous + "'"));
            return StepOutcome.succeeded("would restore topic of channel '" + channel + "'");
        }
        Topic current = notifier.topic();
        if (current.text().equals(previous)) {
            return StepOutcome.skipped("topic of channel '" + channel + "' is already back to '" + previous + "'");
        }
        if (!current.text().equals(set.get())) {
            return StepOutcome.skipped("topic of channel '" + channel + "' was changed to '" + current.text()
                    + "' during the run; left as is");
        }
        notifier.setTopic(Topic.of(previous));
        return StepOutcome.succeeded("restored topic of channel '" + channel + "' to '" + previous + "'");
    }

    private static String previousTopic(StepContext ctx, String channel, String set) {
        Optional<String> previous = ctx.output(SetTopicStep.previousKey(channel));
        if (previous.isPresent()) {
            return previous.get();
        }
        return ctx.parameters()
                .optionalString(RESTORE_TOPIC_PARAMETER)
                .orElseThrow(() -> new ConflictException("cannot restore the topic of channel '" + channel
                        + "': it was already '" + set + "' when this run set it, so the topic before is unknown;"
                        + " restore it by hand or start the run with parameter '" + RESTORE_TOPIC_PARAMETER + "'"));
    }
}
