package io.releasekit.notify.internal;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Micronaut HTTP client used standalone (no application context): redirects are never followed, every status is
 * returned as an {@link HttpReply} for the adapter's single error translation, and transport failures (refused,
 * reset, time-out) become a {@link ServiceUnavailableException} for the channel's service. Every message and kept
 * cause passes through the channel's {@link Redactor}.
 */
public final class HttpChannel implements AutoCloseable {

    /**
     * The logger Micronaut's client writes its request log to: at DEBUG every request URL (a webhook URL is a
     * credential), at TRACE the headers (Authorization). Deliberately outside {@code io.releasekit}, so that turning on
     * DEBUG for releasekit does not turn it on; the shipped logback configuration pins it to WARN. Never enable it
     * outside a test.
     */
    public static final String WIRE_LOGGER = "releasekit.wire";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannel.class);
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final String service;
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
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setFollowRedirects(false);
        config.setExceptionOnErrorStatus(false);
        config.setReadTimeout(timeout);
        config.setConnectTimeout(timeout);
        config.setMaxContentLength(MAX_RESPONSE_BYTES);
        config.setLoggerName(WIRE_LOGGER);
        this.client = HttpClient.create(origin(base), config);
    }

    /** The base URL's path followed by {@code path} (which starts with {@code /}). */
    public String path(String path) {
        return basePath + path;
    }

    /**
     * Sends a request and reads the whole answer, whatever its status.
     *
     * @param request the request, with a path from {@link #path(String)}
     * @param what the call, for messages: {@code "slack chat.postMessage for channel 'ops'"}; no secrets
     * @throws ServiceUnavailableException when the service cannot be reached, resets the connection or is too slow
     */
    public HttpReply send(MutableHttpRequest<?> request, String what) {
        request.header(HttpHeaders.USER_AGENT, "releasekit");
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.toBlocking().exchange(request, String.class);
            HttpReply reply = reply(r);
            LOG.debug("{}: HTTP {} in {} ms", what, reply.status(), (System.nanoTime() - start) / 1_000_000);
            return reply;
        } catch (HttpClientResponseException e) {
            return reply(e.getResponse());
        } catch (ReadTimeoutException e) {
            throw new ServiceUnavailableException(
                    service, what + " failed: no answer within " + timeout, redactor.redact(e));
        } catch (HttpClientException e) {
            throw new ServiceUnavailableException(
                    service, what + " failed: " + redactor.redact(String.valueOf(e.getMessage())), redactor.redact(e));
        } catch (ReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    service,
                    what + " failed: " + e.getClass().getSimpleName() + ": "
                            + redactor.redact(String.valueOf(e.getMessage())),
                    redactor.redact(e));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static HttpReply reply(HttpResponse<?> r) {
        String body = r.getBody(String.class).orElse("");
        HttpHeaders headers = r.getHeaders();
        return new HttpReply(r.code(), body, name -> Optional.ofNullable(headers.get(name)));
    }

    private static URL origin(URI base) {
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(), null, null, null).toURL();
        } catch (java.net.URISyntaxException | MalformedURLException e) {
            throw new InvalidInputException("'" + Redactor.safeUrl(base) + "' is not a usable URL", e);
        }
    }
}
