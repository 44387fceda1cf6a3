package io.releasekit.core.redact;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * A credential (API token, webhook URL, signing secret) that must never be printed. {@link #toString()} shows
 * {@code ****}; only {@link #reveal()} gives the value, for the one place that sends it.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("SLACK_BOT_TOKEN"));
 * request.bearerAuth(token.reveal());
 * }</pre>
 */
public final class Secret {

    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the credential; must not be blank
     * @param what what it is, for the error message ({@code "token of channel 'ops'"}) — never the value itself
     * @throws InvalidInputException when the value is missing or blank
     */
    public static Secret of(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(Objects.requireNonNull(what, "what") + " is missing or blank");
        }
        return new Secret(value);
    }

    /** The value, to send it to the service it belongs to. Never log or format it. */
    public String reveal() {
        return value;
    }

    /** Always {@code ****}. */
    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
