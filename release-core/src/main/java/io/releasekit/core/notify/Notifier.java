package io.releasekit.core.notify;

import io.releasekit.core.InvalidInputException;
import java.util.List;
import java.util.OptionalInt;

/**
 * One configured chat channel, room, account or webhook (the port; adapters live in {@code release-notify}). An
 * adapter does not guard its own calls: the channels {@link Notifiers} hands out are wrapped in the guard of {@link
 * #service()}.
 *
 * <p>Every failure is a {@link io.releasekit.core.ReleaseException} whose message names the channel and contains no
 * credential: a {@link io.releasekit.core.ServiceUnavailableException} for the service's faults (5xx, reset,
 * timeout), a {@link io.releasekit.core.RateLimitedException} for rate limits, other subtypes for refusals that a
 * retry will not fix.
 */
public interface Notifier extends AutoCloseable {

    /** The configured channel name, e.g. {@code ops-slack}: lower case letters, digits, {@code .}, {@code _}, {@code -}. */
    String name();

    /** The channel type: {@code slack}, {@code slack-webhook}, {@code matrix}, {@code mastodon} or {@code webhook}. */
    String type();

    /** The guard service name of the calls: {@code slack}, {@code matrix}, {@code mastodon} or {@code webhook:<name>}. */
    String service();

    /**
     * Posts a message, exactly once per idempotency key as far as the service allows (a Matrix transaction id, a
     * Mastodon {@code Idempotency-Key}, a marker looked up in Slack's history, a webhook delivery id). Posting again
     * with the same key after a success creates nothing new and answers {@link Delivery#alreadyDelivered()} where the
     * service tells.
     *
     * @param message what to post
     * @param idempotencyKey stable across retries and replays of the same logical post, e.g. {@code runId:stepName}
     * @return the ids of what was posted
     */
    Delivery post(Message message, String idempotencyKey);

    /**
     * The posts a message becomes on this channel, without posting: one text, or a thread when the channel limits the
     * length (Mastodon). For dry runs.
     */
    default List<String> render(Message message) {
        return List.of(message.text());
    }

    /**
     * The longest topic the channel accepts, in characters, when it has a limit (Slack: 250), so that a run can refuse
     * a topic before it starts instead of failing halfway.
     */
    default OptionalInt topicLimit() {
        return OptionalInt.empty();
    }

    /** Whether this channel has a topic that can be read and set. */
    default boolean supportsTopic() {
        return false;
    }

    /**
     * The channel's current topic ({@link Topic#none()} when none is set).
     *
     * @throws InvalidInputException when the channel has no topic ({@link #supportsTopic()} is false)
     */
    default Topic topic() {
        throw noTopic();
    }

    /**
     * Sets the channel's topic and answers the one it replaces, so that a caller can put it back later with another
     * {@code setTopic(previous)}.
     *
     * @return the topic before the change
     * @throws InvalidInputException when the channel has no topic, or the topic is too long for the service
     */
    default Topic setTopic(Topic topic) {
        throw noTopic();
    }

    /** Releases the HTTP client; the notifier must not be used afterwards. */
    @Override
    default void close() {}

    private InvalidInputException noTopic() {
        return new InvalidInputException(
                "channel '" + name() + "' (type " + type() + ") has no topic; topics exist on types slack and matrix");
    }
}
