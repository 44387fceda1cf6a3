package io.releasekit.core.notify;

import io.releasekit.core.InvalidInputException;

/**
 * What to announce: plain text every channel can show, and optionally the same content as Markdown for channels that
 * render it (Slack's markdown block, Matrix's HTML {@code formatted_body}, the generic webhook's {@code markdown}
 * field). Channels that cannot render Markdown (Mastodon) post {@link #text()}.
 *
 * @param text the plain-text message; not blank, at most {@value #MAX_LENGTH} characters
 * @param markdown the Markdown form, or {@code null}; at most {@value #MAX_LENGTH} characters
 */
public record Message(String text, String markdown) {

    /** The longest text or Markdown accepted (Slack truncates messages longer than this). */
    public static final int MAX_LENGTH = 40_000;

    public Message {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("message text must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "message text is " + text.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        if (markdown != null && markdown.isBlank()) {
            markdown = null;
        }
        if (markdown != null && markdown.length() > MAX_LENGTH) {
            throw new InvalidInputException("message markdown is " + markdown.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted");
        }
    }

    /** A plain-text message. */
    public static Message of(String text) {
        return new Message(text, null);
    }

    /** A message with a plain-text fallback and a Markdown form. */
    public static Message of(String text, String markdown) {
        return new Message(text, markdown);
    }

    /** Whether a Markdown form was given. */
    public boolean hasMarkdown() {
        return markdown != null;
    }
}
