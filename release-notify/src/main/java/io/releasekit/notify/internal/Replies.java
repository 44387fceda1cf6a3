package io.releasekit.notify.internal;

import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import io.releasekit.notify.ChannelRejectedException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The status translations every adapter shares, used at the top of each adapter's one translation method: 429 →
 * {@link RateLimitedException}, 5xx → {@link ServiceUnavailableException}, 3xx → {@link ChannelRejectedException}
 * (redirects are never followed).
 */
public final class Replies {

    private Replies() {}

    /**
     * The exception for a reply whose status alone decides, if any.
     *
     * @param reply the reply
     * @param service the guard service name
     * @param where the call, for messages (no secrets)
     * @param redactor masks credentials in excerpts of the body
     */
    public static Optional<ReleaseException> byStatus(
            HttpReply reply, String service, String where, Redactor redactor) {
        int s = reply.status();
        if (s == 429) {
            return Optional.of(rateLimited(
                    service, where, reply.retryAfter(ZonedDateTime.now()).orElse(null)));
        }
        if (s >= 500) {
            return Optional.of(new ServiceUnavailableException(
                    service, where + " failed: HTTP " + s + " " + redactor.redact(reply.excerpt())));
        }
        if (reply.redirect()) {
            return Optional.of(new ChannelRejectedException(where + " failed: HTTP " + s + " redirect to '"
                    + location(reply) + "', which is never followed; check the configured URL"));
        }
        return Optional.empty();
    }

    /** A rate-limit refusal with the wait, when known. */
    public static RateLimitedException rateLimited(String service, String where, Duration retryAfter) {
        return new RateLimitedException(
                service,
                where + " was rate limited"
                        + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s"),
                retryAfter,
                null);
    }

    private static String location(HttpReply reply) {
        return reply.header("Location")
                .map(l -> {
                    try {
                        return Redactor.safeUrl(URI.create(l.strip()));
                    } catch (IllegalArgumentException e) {
                        return "(unparsable)";
                    }
                })
                .orElse("(none)");
    }
}
