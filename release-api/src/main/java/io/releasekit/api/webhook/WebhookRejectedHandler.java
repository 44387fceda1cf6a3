package io.releasekit.api.webhook;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.releasekit.api.problem.Problem;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a refused webhook delivery with a problem; logs it (without the body or headers' secrets) for operators. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class WebhookRejectedHandler implements ExceptionHandler<WebhookRejectedException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRejectedHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, WebhookRejectedException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        String delivery = request.getHeaders().get("X-GitHub-Delivery");
        LOG.warn("webhook delivery {} refused ({}): {}", printable(delivery), e.status(), e.getMessage());
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status)
                .body(Problem.of(e.type(), status.getReason(), e.status(), e.getMessage(), request.getPath()));
        response.contentType(Problem.MEDIA_TYPE);
        return response;
    }

    /** A header value safe for a log line: no control characters, at most 64 characters. */
    static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        String clean = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
