package io.releasekit.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * How an announcement went on one channel. One outcome per channel, whatever happened on the others.
 *
 * @param channel the configured channel name
 * @param status delivered, failed or deferred
 * @param ids the ids of the posts (Slack {@code ts}, Matrix event id, Mastodon status ids); empty unless delivered
 * @param alreadyDelivered true when the posts existed from an earlier attempt with the same idempotency key
 * @param error why it failed or was deferred, with secrets redacted; {@code null} when delivered
 * @param retryable whether trying again later may succeed (the service failed, not the request)
 */
public record ChannelOutcome(
        String channel, Status status, List<String> ids, boolean alreadyDelivered, String error, boolean retryable) {

    /** The state of one channel's delivery. */
    public enum Status {
        /** The message is on the channel. */
        DELIVERED,
        /** The message is not on the channel; {@link ChannelOutcome#error()} says why. */
        FAILED,
        /** Not sent yet: a run parked the step until the channel's service is back, then replays it. */
        DEFERRED
    }

    public ChannelOutcome {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** The channel has the message. */
    public static ChannelOutcome delivered(String channel, Delivery delivery) {
        return new ChannelOutcome(channel, Status.DELIVERED, delivery.ids(), delivery.alreadyDelivered(), null, false);
    }

    /** The channel does not have the message. */
    public static ChannelOutcome failed(String channel, String error, boolean retryable) {
        return new ChannelOutcome(channel, Status.FAILED, List.of(), false, error, retryable);
    }

    /** The message will be sent when the channel's service is back. */
    public static ChannelOutcome deferred(String channel, String reason) {
        return new ChannelOutcome(channel, Status.DEFERRED, List.of(), false, reason, true);
    }

    /** Whether the channel has the message. */
    public boolean delivered() {
        return status == Status.DELIVERED;
    }
}
