package io.releasekit.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.releasekit.core.InvalidInputException;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the errors Micronaut itself reports (malformed JSON, validation, unknown route, wrong method or media type,
 * body too large, authentication) into problem details, so that every error of the API is {@code
 * application/problem+json}. Server errors never expose exception messages or stack traces.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemBodyProvider.class);

    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(400, "invalid-input"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable"),
            Map.entry(429, "rate-limited"),
            Map.entry(503, "service-unavailable"));

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String path = context.getRequest().getPath();
        String detail;
        if (status >= 500) {
            context.getRootCause().ifPresent(e -> LOG.error("internal error on {}", path, e));
            detail = "internal error; the server log has the details";
        } else {
            // a request record that checks itself in its compact constructor: its message, not the binder's wrapper
            detail = invalidInput(context)
                    .orElseGet(() ->
                            context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; ")));
            if (detail.isBlank()) {
                detail = response.reason();
            }
        }
        return Problem.of(
                TYPES.getOrDefault(status, status >= 500 ? "internal-error" : "client-error"),
                response.reason(),
                status,
                ProblemText.of(detail),
                ProblemText.of(path));
    }

    /** The {@link InvalidInputException} a body's constructor threw while the binder built it, if that is the cause. */
    private static Optional<String> invalidInput(ErrorContext context) {
        Throwable t = context.getRootCause().orElse(null);
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return Optional.of(invalid.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
