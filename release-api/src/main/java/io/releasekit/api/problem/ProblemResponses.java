package io.releasekit.api.problem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem responses ({@link Problem}, {@code application/problem+json}, RFC 9457) every operation of a controller
 * can answer: 400 {@code invalid-input} (strict input refuses a wrong body, member or query parameter on any
 * operation), 401, 403 and 500. Put it on every {@code @Controller} of the REST API, and the nested annotations on the
 * operations (or the controller) that can answer more. redocly's {@code operation-4xx-response} rule, run by the build,
 * fails for an operation without them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(
        responseCode = "400",
        description = ProblemDocs.BAD_REQUEST,
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class),
                        examples = @ExampleObject(name = "invalid-input", value = ProblemDocs.BAD_REQUEST_EXAMPLE)))
@ApiResponse(
        responseCode = "401",
        description = ProblemDocs.UNAUTHORIZED,
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class),
                        examples = @ExampleObject(name = "unauthorized", value = ProblemDocs.UNAUTHORIZED_EXAMPLE)))
@ApiResponse(
        responseCode = "403",
        description = ProblemDocs.FORBIDDEN,
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class),
                        examples = @ExampleObject(name = "forbidden", value = ProblemDocs.FORBIDDEN_EXAMPLE)))
@ApiResponse(
        responseCode = "500",
        description = ProblemDocs.INTERNAL,
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class),
                        examples = @ExampleObject(name = "internal-error", value = ProblemDocs.INTERNAL_EXAMPLE)))
public @interface ProblemResponses {

    /** 404 {@code not-found}: the operation names a configured thing, or a run, ref or object, that may not exist. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "404",
            description = ProblemDocs.NOT_FOUND,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "not-found", value = ProblemDocs.NOT_FOUND_EXAMPLE)))
    @interface NotFound {}

    /** 409 {@code conflict}, {@code unplanned-write} or {@code check-failed}: the request contradicts the current state. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "409",
            description = ProblemDocs.CONFLICT,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "conflict", value = ProblemDocs.CONFLICT_EXAMPLE)))
    @interface Conflict {}

    /** 422 {@code idempotency-key-reused}: the operation takes an {@code Idempotency-Key}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "422",
            description = ProblemDocs.IDEMPOTENCY,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "idempotency-key-reused",
                                            value = ProblemDocs.IDEMPOTENCY_EXAMPLE)))
    @interface IdempotencyKeyReused {}

    /** 429 {@code rate-limited} and 503 {@code service-unavailable}: the operation calls an outside service (a git remote,
     * GitHub, a store, a registry, a chat service) through its guard. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "429",
            description = ProblemDocs.RATE_LIMITED,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "rate-limited", value = ProblemDocs.RATE_LIMITED_EXAMPLE)))
    @ApiResponse(
            responseCode = "503",
            description = ProblemDocs.UNAVAILABLE,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "service-unavailable",
                                            value = ProblemDocs.UNAVAILABLE_EXAMPLE)))
    @interface Upstream {}

    /** 502 {@code channel-rejected}: a chat service refused the configured credentials or channel. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "502",
            description = ProblemDocs.CHANNEL_REJECTED,
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "channel-rejected",
                                            value = ProblemDocs.CHANNEL_REJECTED_EXAMPLE)))
    @interface ChannelRejected {}
}
