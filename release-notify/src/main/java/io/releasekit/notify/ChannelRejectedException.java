package io.releasekit.notify;

import io.releasekit.core.ReleaseException;

/**
 * A chat service refused a request for a reason that retrying will not fix: the configured token is invalid or
 * revoked, the bot is not in the channel or may not set its topic, the service answered with a redirect (never
 * followed), or an error code releasekit does not know. The configuration must change; the service itself is fine, so
 * this is not {@link #retryable()} and never counts against its circuit breaker. Its {@link #fault()} is {@code
 * SERVICE}: the caller of releasekit did nothing wrong (the REST facade answers 502). The message names the channel
 * and never contains a credential.
 */
public class ChannelRejectedException extends ReleaseException {

    /** A refusal described by {@code message}. */
    public ChannelRejectedException(String message) {
        super(message);
    }

    /** A refusal described by {@code message}, caused by {@code cause} (already redacted). */
    public ChannelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Fault fault() {
        return Fault.SERVICE;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String errorType() {
        return "channel-rejected";
    }
}
