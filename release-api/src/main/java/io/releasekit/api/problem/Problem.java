package io.releasekit.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
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
@Schema(
        name = "Problem",
        description = "An RFC 9457 problem detail: the body of every error response (application/problem+json). Match"
                + " on `type`, never on `detail`; the types and when each is answered are listed in docs/errors.md.")
public record Problem(
        @Schema(
                        description = "A stable URI per kind of error: https://releasekit.io/problems/ followed by"
                                + " invalid-input, unauthorized, forbidden, approval-required, not-found, conflict,"
                                + " unplanned-write, check-failed, idempotency-key-reused, payload-too-large,"
                                + " rate-limited, channel-rejected, service-unavailable, internal-error, or another"
                                + " type docs/errors.md lists (clients treat an unknown type by its status).",
                        format = "uri",
                        example = "https://releasekit.io/problems/not-found",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String type,
        @Schema(
                        description = "A short summary of the kind of error (the HTTP reason phrase)",
                        example = "Not Found",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String title,
        @Schema(description = "The HTTP status code", example = "404", requiredMode = Schema.RequiredMode.REQUIRED)
                int status,
        @Schema(
                        description = "What went wrong in this occurrence, naming the bad value; never a stack trace, a"
                                + " Java class or a secret",
                        example = "no repository named 'app2' is configured",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String detail,
        @Schema(
                        description = "The request path",
                        example = "/api/v1/repositories/app2/tags",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String instance,
        @Nullable @Schema(description = "The outside service involved, when one is", example = "github") String service,
        @Nullable
                @Schema(
                        description = "How long to wait before trying again, in seconds, when known (also the"
                                + " Retry-After header)",
                        example = "30")
                Long retryAfterSeconds) {

    /** The media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem type URI. */
    public static final String TYPE_BASE = "https://releasekit.io/problems/";

    /** A problem without service details. */
    public static Problem of(String errorType, String title, int status, String detail, String instance) {
        return new Problem(TYPE_BASE + errorType, title, status, detail, instance, null, null);
    }
}
