package io.releasekit.core.notify;

import io.releasekit.core.InvalidInputException;

/**
 * A channel topic (Slack) or room topic (Matrix). The empty topic means "no topic set".
 *
 * @param text the topic text, never {@code null}; at most {@value #MAX_LENGTH} characters
 */
public record Topic(String text) {

    /** The longest topic accepted here; services may accept less (Slack: 250). */
    public static final int MAX_LENGTH = 4_000;

    public Topic {
        if (text == null) {
            text = "";
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "topic is " + text.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
    }

    /** A topic with this text. */
    public static Topic of(String text) {
        return new Topic(text);
    }

    /** No topic. */
    public static Topic none() {
        return new Topic("");
    }

    /** Whether no topic is set. */
    public boolean isEmpty() {
        return text.isEmpty();
    }
}
