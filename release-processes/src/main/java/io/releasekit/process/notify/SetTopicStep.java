package io.releasekit.process.notify;

import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets a channel's topic for the duration of a run (seed 004: "We are redeploying Packit Service...") and keeps the
 * topic it replaces in the outputs, so that {@link RestoreTopicStep} puts back exactly that one.
 *
 * <p>The previous topic is read once, before the change and outside the guard's retries, so a retried call can never
 * record the new topic as the previous one. When the topic already has the wanted text (the step is replayed after a
 * crash that came between the change and its record), the step ends {@code skipped} with {@code alreadySet}: the topic
 * before is then unknown and the restore step falls back to the run's {@code restoreTopic} parameter.
 *
 * <p>The service is deferrable, so an outage does not stop the deployment; but a deferred set step is not worth
 * replaying: the runner replays deferred steps after the run, when "deployment in progress" is no longer true. A
 * replay ({@link StepContext#replay()}) therefore ends {@code skipped} without touching the topic.
 *
 * <p>Outputs: {@code topic.<channel>.previous}, {@code topic.<channel>.set}, {@code topic.<channel>.alreadySet}.
 */
public final class SetTopicStep implements Step {

    private final Notifier notifier;
    private final Topic topic;

    /** A step setting {@code topic} on {@code notifier}'s channel. */
    public SetTopicStep(Notifier notifier, Topic topic) {
        this.notifier = notifier;
        this.topic = topic;
    }

    /** The output key of the topic the step replaced. */
    public static String previousKey(String channel) {
        return "topic." + channel + ".previous";
    }

    /** The output key of the topic the step set. */
    public static String setKey(String channel) {
        return "topic." + channel + ".set";
    }

    /** The output key that is {@code true} when the topic was already set and the previous one is unknown. */
    public static String alreadySetKey(String channel) {
        return "topic." + channel + ".alreadySet";
    }

    @Override
    public String name() {
        return "set-topic-" + notifier.name();
    }

    @Override
    public List<ServiceNeed> services() {
        return List.of(ServiceNeed.deferrable(notifier.service()));
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        String channel = notifier.name();
        if (ctx.replay()) {
            // deferred while the service was down: the run is over, a topic set now would announce a deployment
            // that has ended, and nothing would take it down again
            return StepOutcome.skipped("the run is over; not setting the topic of channel '" + channel + "' late");
        }
        Topic current = notifier.topic();
        Map<String, String> outputs = new HashMap<>();
        outputs.put(setKey(channel), topic.text());
        if (current.equals(topic)) {
            outputs.put(alreadySetKey(channel), "true");
            return StepOutcome.skipped("topic of channel '" + channel + "' is already '" + topic.text() + "'", outputs);
        }
        outputs.put(previousKey(channel), current.text());
        if (ctx.dryRun()) {
            ctx.plan(PlannedWrite.topic(
                    channel,
                    "set topic of channel '" + channel + "' to '" + topic.text() + "' (now '" + current.text() + "')"));
            return StepOutcome.succeeded("would set topic of channel '" + channel + "'", outputs);
        }
        notifier.setTopic(topic);
        return StepOutcome.succeeded(
                "set topic of channel '" + channel + "' to '" + topic.text() + "' (was '" + current.text() + "')",
                outputs);
    }
}
