package io.releasekit.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a stable URI per kind of error, e.g. {@code https://releasekit.io/problems/invalid-input}
 * @param title a short summary of the kind of error
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence, naming the bad value
 * @param instance the request path
 * @param service the outside service involved, when one is
 * @param retryAfterSeconds how long to wait before trying again, when known
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        String type, String title, int status, String detail, String instance, String service, Long retryAfterSeconds) {

    /** The media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem type URI. */
    public static final String TYPE_BASE = "https://releasekit.io/problems/";

    /** A problem without service details. */
    public static Problem of(String errorType, String title, int status, String detail, String instance) {
        return new Problem(TYPE_BASE + errorType, title, status, detail, instance, null, null);
    }
}
