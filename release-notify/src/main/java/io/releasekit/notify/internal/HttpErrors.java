package io.releasekit.notify.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import io.releasekit.notify.ChannelRejectedException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one translation of an HTTP error status into releasekit exceptions, shared by every chat adapter. Each adapter
 * holds one immutable instance and states only where its service differs from the standard table; body error codes
 * (Slack's {@code error}, Matrix's {@code errcode}) stay in the adapter and are looked at before this table.
 *
 * <table>
 *   <caption>The standard table</caption>
 *   <tr><th>status</th><th>exception</th></tr>
 *   <tr><td>3xx</td><td>{@link ChannelRejectedException} (redirects are never followed)</td></tr>
 *   <tr><td>400, 422</td><td>{@link InvalidInputException}</td></tr>
 *   <tr><td>401, 403</td><td>{@link ChannelRejectedException} (the configured credential is refused)</td></tr>
 *   <tr><td>404, 410</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException} with the wait from {@code Retry-After}</td></tr>
 *   <tr><td>other 4xx</td><td>{@link ChannelRejectedException}</td></tr>
 *   <tr><td>5xx</td><td>{@link ServiceUnavailableException} (retryable)</td></tr>
 * </table>
 *
 * <p>Connection refused, resets and time-outs never produce a reply; {@link HttpChannel#send} turns them into a
 * retryable {@link ServiceUnavailableException}. Every body excerpt passes through the channel's {@link Redactor}.
 */
public final class HttpErrors {

    /** What a client-error status means for a channel. */
    public enum Kind {
        /** The message or request is invalid: {@link InvalidInputException}. */
        INVALID_INPUT,
        /** The service refuses the configuration: {@link ChannelRejectedException}. */
        REJECTED,
        /** The channel, room or webhook does not exist: {@link NotFoundException}. */
        NOT_FOUND,
        /** The request conflicts with the service's state: {@link ConflictException}. */
        CONFLICT
    }

    private static final Map<Integer, Kind> STANDARD = Map.of(
            400, Kind.INVALID_INPUT,
            422, Kind.INVALID_INPUT,
            401, Kind.REJECTED,
            403, Kind.REJECTED,
            404, Kind.NOT_FOUND,
            410, Kind.NOT_FOUND,
            409, Kind.CONFLICT);

    private final String service;
    private final Redactor redactor;
    private final Map<Integer, Kind> table;
    private final Map<Kind, String> hints;
    private final Function<HttpReply, Optional<Duration>> wait;

    private HttpErrors(
            String service,
            Redactor redactor,
            Map<Integer, Kind> table,
            Map<Kind, String> hints,
            Function<HttpReply, Optional<Duration>> wait) {
        this.service = Objects.requireNonNull(service, "service");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.table = Map.copyOf(table);
        this.hints = hints.isEmpty() ? Map.of() : Map.copyOf(hints);
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /**
     * The standard table for a service.
     *
     * @param service the guard service name ({@code mastodon}, {@code webhook:ci})
     * @param redactor masks the channel's credentials in body excerpts
     */
    public static HttpErrors standard(String service, Redactor redactor) {
        return new HttpErrors(service, redactor, STANDARD, Map.of(), HttpErrors::retryAfter);
    }

    /**
     * A table in which every client-error status other than 429 is a {@link ChannelRejectedException}: for services
     * that answer their errors in the body, so that a 4xx status means the configured URL or credential is wrong.
     * Use {@link #with(Kind, int...)} to map single statuses differently.
     */
    public static HttpErrors rejectingClientErrors(String service, Redactor redactor) {
        return new HttpErrors(service, redactor, Map.of(), Map.of(), HttpErrors::retryAfter);
    }

    /** A copy in which these statuses mean {@code kind}. */
    public HttpErrors with(Kind kind, int... statuses) {
        Map<Integer, Kind> t = new HashMap<>(table);
        for (int s : statuses) {
            if (s < 400 || s > 499 || s == 429) {
                throw new IllegalArgumentException("only client errors other than 429 can be mapped, was " + s);
            }
            t.put(s, kind);
        }
        return new HttpErrors(service, redactor, t, hints, wait);
    }

    /** A copy that appends {@code hint} (in parentheses) to the message of every {@code kind} exception. */
    public HttpErrors hint(Kind kind, String hint) {
        Map<Kind, String> h = new EnumMap<>(Kind.class);
        h.putAll(hints);
        h.put(kind, hint);
        return new HttpErrors(service, redactor, table, h, wait);
    }

    /**
     * A copy that reads the rate-limit wait with {@code wait} (a vendor header or body field) instead of from {@code
     * Retry-After} alone.
     */
    public HttpErrors waitFrom(Function<HttpReply, Optional<Duration>> wait) {
        return new HttpErrors(service, redactor, table, hints, wait);
    }

    /**
     * The exception for a reply whose status alone decides, whatever its body says: 429, 5xx and 3xx. Adapters call
     * this before they read a body error code.
     *
     * @param reply the reply
     * @param where the call, for messages: {@code "slack chat.postMessage for channel 'ops'"}; no secrets
     */
    public Optional<ReleaseException> byStatus(HttpReply reply, String where) {
        int s = reply.status();
        if (s == 429) {
            return Optional.of(rateLimited(reply, where));
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

    /**
     * The exception for a reply that is not 2xx, by the table.
     *
     * @param reply the reply
     * @param where the call, for messages; no secrets
     * @param detail the service's own error text (redacted here), or the body excerpt when it has none
     */
    public ReleaseException translate(HttpReply reply, String where, String detail) {
        Optional<ReleaseException> byStatus = byStatus(reply, where);
        if (byStatus.isPresent()) {
            return byStatus.get();
        }
        if (reply.ok()) {
            throw new IllegalArgumentException("HTTP " + reply.status() + " is a success, not an error");
        }
        Kind kind = table.getOrDefault(reply.status(), Kind.REJECTED);
        String message = message(reply, where, detail)
                + Optional.ofNullable(hints.get(kind)).map(h -> " (" + h + ")").orElse("");
        return switch (kind) {
            case INVALID_INPUT -> new InvalidInputException(message);
            case REJECTED -> new ChannelRejectedException(message);
            case NOT_FOUND -> new NotFoundException(message);
            case CONFLICT -> new ConflictException(message);
        };
    }

    /** {@link #translate(HttpReply, String, String)} with the body excerpt as the detail. */
    public ReleaseException translate(HttpReply reply, String where) {
        return translate(reply, where, reply.excerpt());
    }

    /** The message of an error reply: {@code <where> failed: HTTP <status> <detail, redacted>}. */
    public String message(HttpReply reply, String where, String detail) {
        return where + " failed: HTTP " + reply.status() + " " + redactor.redact(detail);
    }

    /** A rate-limit refusal, with the wait this table reads from the reply when known. */
    public RateLimitedException rateLimited(HttpReply reply, String where) {
        return rateLimited(where, wait.apply(reply).orElse(null));
    }

    /** A rate-limit refusal with the wait, when known. */
    public RateLimitedException rateLimited(String where, Duration retryAfter) {
        return new RateLimitedException(
                service,
                where + " was rate limited"
                        + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s"),
                retryAfter,
                null);
    }

    private static Optional<Duration> retryAfter(HttpReply reply) {
        return reply.retryAfter(ZonedDateTime.now());
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
