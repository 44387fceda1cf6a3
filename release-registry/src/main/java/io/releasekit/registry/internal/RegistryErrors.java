package io.releasekit.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one translation of registry and Quay API failures into releasekit exceptions. Not API.
 *
 * <table>
 *   <caption>Status to exception</caption>
 *   <tr><th>status</th><th>exception</th></tr>
 *   <tr><td>400</td><td>{@link InvalidInputException} (e.g. {@code DIGEST_INVALID}, {@code MANIFEST_INVALID})</td></tr>
 *   <tr><td>401, 403</td><td>{@link NotPermittedException}: the credentials are refused or lack the scope</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>405</td><td>{@link NotPermittedException}: the registry does not allow the operation (deletion off)</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException} with the wait from {@code Retry-After}</td></tr>
 *   <tr><td>5xx, connection failures</td><td>{@link ServiceUnavailableException} (retryable)</td></tr>
 *   <tr><td>other</td><td>{@link ServiceUnavailableException}</td></tr>
 * </table>
 *
 * <p>Messages carry the registry's error code and message ({@code {"errors":[{"code","message"}]}}), never a
 * credential or token.
 */
public final class RegistryErrors {

    private final String service;

    /** Errors for the registry guarded as {@code service}. */
    public RegistryErrors(String service) {
        this.service = service;
    }

    /** The exception for a non-2xx reply. */
    public ReleaseException translate(int status, HttpHeaders headers, byte[] body, String where) {
        String detail = detail(body);
        String message = where + " failed: HTTP " + status + (detail.isEmpty() ? "" : " " + detail);
        return switch (status) {
            case 400 -> new InvalidInputException(message);
            case 401 -> new NotPermittedException(message + " (the registry refused the configured credentials)");
            case 403 -> new NotPermittedException(message + " (the credentials lack permission for this)");
            case 404 -> new NotFoundException(message);
            case 405 ->
                new NotPermittedException(message + " (the registry does not allow this operation here;"
                        + " for deletion: enable it, or use the registry's own API such as Quay's)");
            case 409 -> new ConflictException(message);
            case 429 -> rateLimited(headers, where);
            default -> new ServiceUnavailableException(service, message);
        };
    }

    /** A connection failure, reset or time-out. */
    public ServiceUnavailableException unreachable(IOException e, String where) {
        return new ServiceUnavailableException(
                service,
                where + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                e);
    }

    private RateLimitedException rateLimited(HttpHeaders headers, String where) {
        Duration wait = retryAfter(headers).orElse(null);
        return new RateLimitedException(
                service,
                where + " was rate limited" + (wait == null ? "" : "; retry after " + wait.toSeconds() + " s"),
                wait,
                null);
    }

    /** The wait a {@code Retry-After} header asks for, in seconds or as an HTTP date. */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(v -> {
            String s = v.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        });
    }

    private static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        Optional<JsonNode> json = Json.tryParse(body);
        if (json.isPresent()) {
            JsonNode errors = json.get().path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode e = errors.get(0);
                return (e.path("code").asText("") + " " + e.path("message").asText("")).strip();
            }
            for (String f : new String[] {"error_message", "message", "detail", "error"}) {
                if (json.get().path(f).isTextual()) {
                    return json.get().path(f).asText();
                }
            }
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.replaceAll("\\s+", " ");
    }
}
