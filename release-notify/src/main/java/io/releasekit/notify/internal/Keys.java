package io.releasekit.notify.internal;

import io.releasekit.core.InvalidInputException;

/** Checks of idempotency keys before they become a Matrix transaction id, a header or Slack metadata. */
public final class Keys {

    /** The longest key accepted (Mastodon thread keys add {@code -<n>}). */
    public static final int MAX_LENGTH = 200;

    private Keys() {}

    /**
     * The key, if usable.
     *
     * @throws InvalidInputException when it is blank, longer than {@value #MAX_LENGTH} or has control characters
     */
    public static String require(String key) {
        if (key == null
                || key.isBlank()
                || key.length() > MAX_LENGTH
                || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("idempotency key must be 1-" + MAX_LENGTH
                    + " characters without control characters, was '" + abbreviate(key) + "'");
        }
        return key;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
