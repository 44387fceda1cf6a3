package io.releasekit.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * An HTTP answer of any status, read completely.
 *
 * @param status the status code
 * @param body the body as text, empty when none
 * @param headers looks a header up by name (case-insensitive)
 */
public record HttpReply(int status, String body, Function<String, Optional<String>> headers) {

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Whether the status is 3xx (redirects are never followed). */
    public boolean redirect() {
        return status >= 300 && status < 400;
    }

    /** The body parsed as JSON, or an empty object when it is not JSON. */
    public JsonNode json() {
        return Json.parseOrEmpty(body);
    }

    /** The body shortened to at most 200 characters, for error messages (redact it before use). */
    public String excerpt() {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }

    /**
     * The wait a {@code Retry-After} header asks for (seconds or an HTTP date), if present and valid.
     *
     * @param now the current time, for HTTP dates
     */
    public Optional<Duration> retryAfter(ZonedDateTime now) {
        return header("Retry-After").flatMap(v -> parseRetryAfter(v.strip(), now));
    }

    static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
