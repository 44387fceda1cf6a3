package io.releasekit.process.notify;

import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Map;

/**
 * Posts a message to one channel, through the channel's guard, exactly once per run step: the post carries {@link
 * StepContext#idempotencyKey()}, so a replay of a deferred or interrupted step finds the earlier post instead of
 * making a second one (and ends {@code skipped}). The service is {@link ServiceNeed#deferrable deferrable}: while it is
 * down the runner parks the step and replays it later. In a dry run the step plans every post (a Mastodon thread shows
 * each of its posts) and posts nothing.
 *
 * <p>Outputs: {@code notify.<channel>.ids} — the post ids, comma separated (Slack {@code ts}, Matrix event id,
 * Mastodon status ids, webhook delivery id).
 */
public final class PostMessageStep implements Step {

    private final Notifier notifier;
    private final Message message;

    /** A step posting {@code message} to {@code notifier}'s channel. */
    public PostMessageStep(Notifier notifier, Message message) {
        this.notifier = notifier;
        this.message = message;
    }

    /** The output key holding the post ids of a channel. */
    public static String idsKey(String channel) {
        return "notify." + channel + ".ids";
    }

    /**
     * Plans the posts {@code message} becomes on {@code notifier}'s channel (one, or a Mastodon thread): each as the
     * write {@code post channel <name>} with its text.
     *
     * @return how many posts
     */
    public static int planPosts(StepContext ctx, Notifier notifier, Message message) {
        String where = "channel '" + notifier.name() + "' (" + notifier.type() + ")";
        List<String> posts = notifier.render(message);
        for (int i = 0; i < posts.size(); i++) {
            ctx.plan(PlannedWrite.post(
                    notifier.name(), "post " + (i + 1) + "/" + posts.size() + " to " + where + ": " + posts.get(i)));
        }
        return posts.size();
    }

    @Override
    public String name() {
        return "notify-" + notifier.name();
    }

    @Override
    public List<ServiceNeed> services() {
        return List.of(ServiceNeed.deferrable(notifier.service()));
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        String where = "channel '" + notifier.name() + "' (" + notifier.type() + ")";
        if (ctx.dryRun()) {
            return StepOutcome.succeeded("would post " + planPosts(ctx, notifier, message) + " post(s) to " + where);
        }
        Delivery d = notifier.post(message, ctx.idempotencyKey());
        Map<String, String> outputs = Map.of(idsKey(notifier.name()), String.join(",", d.ids()));
        if (d.alreadyDelivered()) {
            return StepOutcome.skipped("already posted to " + where + " as " + d.ids(), outputs);
        }
        return StepOutcome.succeeded("posted to " + where + " as " + d.ids(), outputs);
    }
}
