package io.releasekit.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.run.IdempotencyKeyReusedException;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every {@link ReleaseException} to a problem response in one place: invalid input 400, not permitted 403, not
 * found 404, conflict 409, idempotency key reused with another request 422, rate limited 429, service unavailable 503 with {@code Retry-After} when the wait is known.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {ReleaseException.class, ExceptionHandler.class})
public class ReleaseExceptionHandler implements ExceptionHandler<ReleaseException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseExceptionHandler.class);

    /** Where an adapter's message quotes an outside service's status; what follows is that service's text. */
    private static final Pattern UPSTREAM_STATUS = Pattern.compile("\\(\\d{3}\\)|\\bHTTP \\d{3}\\b");

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ReleaseException e) {
        HttpStatus status = statusOf(e);
        String service = e instanceof ServiceUnavailableException s ? s.service() : null;
        Long retryAfter = e instanceof ServiceUnavailableException s
                ? s.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(null)
                : null;
        if (status.getCode() >= 500) {
            LOG.warn("{} {} failed: {}", request.getMethodName(), request.getPath(), e.getMessage());
        }
        String detail = withoutUpstreamText(e.getMessage());
        if (detail.length() < e.getMessage().length() && status.getCode() < 500) {
            LOG.info("{} {}: {}", request.getMethodName(), request.getPath(), e.getMessage());
        }
        Problem body = new Problem(
                Problem.TYPE_BASE + e.errorType(),
                status.getReason(),
                status.getCode(),
                ProblemText.of(detail),
                ProblemText.of(request.getPath()),
                service,
                retryAfter);
        MutableHttpResponse<Problem> response =
                HttpResponse.<Problem>status(status).body(body);
        response.contentType(Problem.MEDIA_TYPE);
        if (retryAfter != null) {
            response.header("Retry-After", Long.toString(retryAfter));
        }
        return response;
    }

    /**
     * The message up to the outside service's status ({@code ... GitHub rejected the request as invalid (422)},
     * {@code ... failed: HTTP 400}): what the service answered after it (its error text, which may echo the request and
     * its headers) goes to the log only, never to the client.
     */
    static String withoutUpstreamText(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = UPSTREAM_STATUS.matcher(message);
        if (m.find() && m.end() < message.length()) {
            return message.substring(0, m.end()) + " (the service's answer is in the server log)";
        }
        return message;
    }

    static HttpStatus statusOf(ReleaseException e) {
        if (e instanceof InvalidInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof NotPermittedException) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof IdempotencyKeyReusedException) {
            return HttpStatus.UNPROCESSABLE_ENTITY;
        }
        if (e instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof RateLimitedException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (e instanceof ServiceUnavailableException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return e.fault() == ReleaseException.Fault.CLIENT ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
    }
}
