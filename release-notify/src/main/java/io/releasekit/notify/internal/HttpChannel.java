package io.releasekit.notify.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK {@link HttpClient} for one service: redirects are never followed, every status is returned as an {@link
 * HttpReply} for the adapter's single error translation, and transport failures (refused, reset, time-out, an answer
 * larger than 4 MiB) become a {@link ServiceUnavailableException} for the channel's service. Every message and kept
 * cause passes through the channel's {@link Redactor}. The JDK client logs nothing unless its own system property
 * asks it to, so no request URL (a webhook URL is a credential) reaches a log.
 */
public final class HttpChannel implements AutoCloseable {

    /**
     * The logger name the shipped logback configurations pin to WARN for HTTP wire logs (kept for configurations that
     * name it; the JDK client does not write to it).
     */
    public static final String WIRE_LOGGER = "releasekit.wire";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannel.class);
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final String service;
    private final URI origin;
    private final String basePath;
    private final Duration timeout;
    private final Redactor redactor;
    private final HttpClient client;

    /**
     * A client for one service.
     *
     * @param service the guard service name, used in exceptions ({@code slack}, {@code webhook:ci})
     * @param base the base URL; its path is prefixed to every request path
     * @param timeout connect time limit and time limit until the answer's headers; the whole answer must be complete
     *     within twice this
     * @param redactor masks the channel's credentials
     */
    public HttpChannel(String service, URI base, Duration timeout, Redactor redactor) {
        this.service = service;
        this.timeout = timeout;
        this.redactor = redactor;
        this.origin = origin(base);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** The base URL's path followed by {@code path} (which starts with {@code /}). */
    public String path(String path) {
        return basePath + path;
    }

    /**
     * Sends a request and reads the whole answer, whatever its status.
     *
     * @param call the request, with a path from {@link #path(String)}
     * @param what the call, for messages: {@code "slack chat.postMessage for channel 'ops'"}; no secrets
     * @throws ServiceUnavailableException when the service cannot be reached, resets the connection or is too slow
     */
    public HttpReply send(HttpCall call, String what) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request(call), info -> new CappedBody(MAX_RESPONSE_BYTES));
        try {
            // the request's own time limit ends at the response headers: the whole answer is bounded here, so a body
            // that stalls mid-way (a proxy, a half-closed connection) fails the call instead of hanging the step
            HttpResponse<byte[]> r = exchange.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            HttpReply reply =
                    new HttpReply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), name -> r.headers()
                            .firstValue(name));
            LOG.debug("{}: HTTP {} in {} ms", what, reply.status(), (System.nanoTime() - start) / 1_000_000);
            return reply;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ServiceUnavailableException(service, what + " failed: no complete answer within " + timeout);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), what);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, what + " was interrupted", redactor.redact(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " failed: " + redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    private RuntimeException translate(Throwable cause, String what) {
        if (cause instanceof CappedBody.TooLarge) {
            return new ServiceUnavailableException(
                    service, what + " failed: the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        if (cause instanceof HttpTimeoutException) {
            return new ServiceUnavailableException(
                    service, what + " failed: no answer within " + timeout, redactor.redact(cause));
        }
        if (cause instanceof IllegalArgumentException) {
            return new InvalidInputException(what + " failed: " + redactor.redact(String.valueOf(cause.getMessage())));
        }
        return new ServiceUnavailableException(
                service,
                what + " failed: " + cause.getClass().getSimpleName() + ": "
                        + redactor.redact(String.valueOf(cause.getMessage())),
                redactor.redact(cause));
    }

    @Override
    public void close() {
        // the JDK client of Java 17 has no close; its threads end when it is no longer referenced
    }

    private HttpRequest request(HttpCall call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(origin.resolve(call.path()))
                .timeout(timeout)
                .header("User-Agent", "releasekit")
                .method(
                        call.method(),
                        call.body()
                                .map(HttpRequest.BodyPublishers::ofByteArray)
                                .orElse(HttpRequest.BodyPublishers.noBody()));
        call.headers().forEach(h -> b.header(h[0], h[1]));
        return b.build();
    }

    private static URI origin(URI base) {
        try {
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(), "/", null, null);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new InvalidInputException("'" + Redactor.safeUrl(base) + "' is not a usable URL", e);
        }
    }
}
