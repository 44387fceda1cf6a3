package io.releasekit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.GHException;
import org.kohsuke.github.HttpException;

/**
 * The one place where GitHub's failures become releasekit's exceptions: a switch on the HTTP status, with rate limits
 * recognised from the headers first. Every path — hub4j's exceptions, the raw calls for downloads and uploads — ends
 * here, so the same response always means the same exception.
 */
public final class GitHubErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_LIMIT_WAIT = Duration.ofSeconds(60);

    private final String service;
    private final Clock clock;

    /** Translation for the guarded service {@code service}, computing waits against {@code clock}. */
    public GitHubErrors(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /**
     * Translates anything a GitHub call threw.
     *
     * @param what what was being done, e.g. {@code list releases of github.com/o/r}
     */
    public RuntimeException translate(String what, Throwable thrown) {
        Throwable e = thrown;
        while (e instanceof GHException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ReleaseException r) {
            return r;
        }
        if (e instanceof GitHubHttpException h) {
            return fromStatus(what, h.status(), h.headers(), h.body(), h);
        }
        if (e instanceof TransportException t) {
            return new ServiceUnavailableException(service, what + ": " + t.getMessage(), t);
        }
        if (e instanceof HttpException h && h.getResponseCode() > 0) {
            return fromStatus(what, h.getResponseCode(), h.getResponseHeaderFields(), h.getMessage(), h);
        }
        if (e instanceof FileNotFoundException) {
            return new NotFoundException(what + ": not found on GitHub (404)", e);
        }
        if (e instanceof InterruptedIOException) {
            return new ServiceUnavailableException(service, what + ": interrupted while waiting for GitHub", e);
        }
        if (e instanceof IOException) {
            return new ServiceUnavailableException(service, what + ": " + e.getMessage(), e);
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(what + ": " + e, e);
    }

    /**
     * Translates an error response.
     *
     * @param status the HTTP status (-1 when there was none)
     * @param headers the response headers
     * @param body the start of the response body
     * @param cause the exception that carried the response, or {@code null}
     */
    public ReleaseException fromStatus(
            String what, int status, Map<String, List<String>> headers, String body, Throwable cause) {
        Map<String, List<String>> h = caseInsensitive(headers);
        if (isLimited(status, h)) {
            Duration wait = retryAfter(h);
            return new RateLimitedException(
                    service,
                    what + ": GitHub's rate limit is exhausted (" + status + "); retry after " + wait.toSeconds()
                            + " s",
                    wait,
                    cause);
        }
        String detail = message(body);
        return switch (status) {
            case 400 -> new InvalidInputException(what + ": GitHub refused the request (400)" + detail, cause);
            case 401 ->
                new InvalidInputException(
                        what + ": GitHub rejected the credentials (401)" + detail
                                + "; check the token configured in releasekit.github.token",
                        cause);
            case 403 ->
                new InvalidInputException(
                        what + ": GitHub denied access (403)" + detail + "; the token lacks a permission", cause);
            case 404, 410 -> new NotFoundException(what + ": not found on GitHub (" + status + ")" + detail, cause);
            case 409 -> new ConflictException(what + ": GitHub reports a conflict (409)" + detail, cause);
            case 422 ->
                body != null && (body.contains("already_exists") || body.contains("already exists"))
                        ? new ConflictException(what + ": already exists on GitHub (422)" + detail, cause)
                        : new InvalidInputException(
                                what + ": GitHub rejected the request as invalid (422)" + detail, cause);
            default ->
                status >= 500 || status == 408 || status < 100
                        ? new ServiceUnavailableException(
                                service, what + ": GitHub answered " + (status < 100 ? "nothing" : status), cause)
                        : new InvalidInputException(what + ": GitHub answered " + status + detail, cause);
        };
    }

    /** Whether a response says a rate limit (primary or secondary) is exhausted. Same rules as hub4j's handlers. */
    static boolean isLimited(int status, Map<String, List<String>> h) {
        if (status == 429) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        return "0".equals(first(h, "X-RateLimit-Remaining"))
                || first(h, "Retry-After") != null
                || first(h, "gh-limited-by") != null;
    }

    /**
     * How long to wait: {@code Retry-After} (seconds or an HTTP date), else {@code X-RateLimit-Reset} (epoch
     * seconds) measured against the response's {@code Date} (GitHub's clock) or ours, else a minute; at least a second.
     */
    Duration retryAfter(Map<String, List<String>> h) {
        Instant now = serverNow(h);
        String retryAfter = first(h, "Retry-After");
        if (retryAfter != null) {
            try {
                return atLeastASecond(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return atLeastASecond(Duration.between(now, at));
                } catch (DateTimeParseException ignored) {
                    // fall through to the reset header
                }
            }
        }
        String reset = first(h, "X-RateLimit-Reset");
        if (reset != null) {
            try {
                return atLeastASecond(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip()))));
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return DEFAULT_LIMIT_WAIT;
    }

    private Instant serverNow(Map<String, List<String>> h) {
        String date = first(h, "Date");
        if (date != null) {
            try {
                return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException ignored) {
                // use our clock
            }
        }
        return clock.instant();
    }

    private static Duration atLeastASecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** GitHub's {@code message} and error codes from a JSON error body; nothing from an HTML page. */
    static String message(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(body);
            StringBuilder b = new StringBuilder();
            if (n.hasNonNull("message")) {
                b.append(n.get("message").asText());
            }
            if (n.has("errors") && n.get("errors").isArray()) {
                for (JsonNode err : n.get("errors")) {
                    b.append(b.length() == 0 ? "" : "; ");
                    if (err.isTextual()) {
                        b.append(err.asText());
                    } else {
                        b.append(err.path("code").asText(""))
                                .append(
                                        err.hasNonNull("field")
                                                ? " " + err.get("field").asText()
                                                : "")
                                .append(
                                        err.hasNonNull("message")
                                                ? " " + err.get("message").asText()
                                                : "");
                    }
                }
            }
            String s = b.toString().strip();
            return s.isEmpty() ? "" : ": " + (s.length() > 300 ? s.substring(0, 300) + "..." : s);
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
