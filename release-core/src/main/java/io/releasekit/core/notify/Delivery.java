package io.releasekit.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * What a channel answered to a post: the ids of the posts it created (a Slack message {@code ts}, a Matrix event id,
 * the Mastodon status ids of a thread, the webhook delivery id), and whether they already existed because the same
 * idempotency key had been posted before (a replay that created nothing).
 *
 * @param ids the ids of the posts, in thread order
 * @param alreadyDelivered true when nothing new was created because the key had been delivered before
 */
public record Delivery(List<String> ids, boolean alreadyDelivered) {

    public Delivery {
        ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
    }

    /** Newly created posts. */
    public static Delivery posted(List<String> ids) {
        return new Delivery(ids, false);
    }

    /** Posts found from an earlier delivery of the same key. */
    public static Delivery found(List<String> ids) {
        return new Delivery(ids, true);
    }
}
