package io.releasekit.notify.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
     * @param timeout connect and read time limit of one request
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
        try {
            HttpResponse<InputStream> r = client.send(request(call), HttpResponse.BodyHandlers.ofInputStream());
            HttpReply reply = new HttpReply(
                    r.statusCode(), body(r, what), name -> r.headers().firstValue(name));
            LOG.debug("{}: HTTP {} in {} ms", what, reply.status(), (System.nanoTime() - start) / 1_000_000);
            return reply;
        } catch (HttpTimeoutException e) {
            throw new ServiceUnavailableException(
                    service, what + " failed: no answer within " + timeout, redactor.redact(e));
        } catch (IOException e) {
            throw new ServiceUnavailableException(
                    service,
                    what + " failed: " + e.getClass().getSimpleName() + ": "
                            + redactor.redact(String.valueOf(e.getMessage())),
                    redactor.redact(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, what + " was interrupted", redactor.redact(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " failed: " + redactor.redact(String.valueOf(e.getMessage())));
        }
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

    private String body(HttpResponse<InputStream> r, String what) throws IOException {
        try (InputStream in = r.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new ServiceUnavailableException(
                        service, what + " failed: the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
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
