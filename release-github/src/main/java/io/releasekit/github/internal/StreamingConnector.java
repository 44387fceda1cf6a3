package io.releasekit.github.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The one HTTP connector of a GitHub connection, used by hub4j and by releasekit's own raw calls, on the JDK's {@link
 * HttpClient}. It differs from hub4j's {@code HttpClientGitHubConnector} in three ways:
 *
 * <ul>
 *   <li>A connection failure becomes a {@link TransportException}, not a {@code SocketException}, so hub4j does not
 *       sleep and retry by itself (its retry count cannot be set below 2): the service guard retries.
 *   <li>A {@link RawRequest} body streams with its length announced instead of being read into memory, and its
 *       response body is returned as a live stream (downloads of any size).
 *   <li>Redirects are never followed here: hub4j and {@code RawClient} follow them and drop the {@code
 *       Authorization} header when the host changes.
 * </ul>
 */
public final class StreamingConnector implements GitHubConnector {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration responseTimeout;

    /**
     * A connector with its own HTTP client.
     *
     * @param connectTimeout the time limit for opening a connection
     * @param responseTimeout the time limit until the response headers arrive (a streamed body may take longer)
     */
    public StreamingConnector(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request)).timeout(responseTimeout);
        for (Map.Entry<String, List<String>> e : request.allHeaders().entrySet()) {
            if (e.getKey() != null
                    && e.getValue() != null
                    && !RESTRICTED.contains(e.getKey().toLowerCase())) {
                b.header(e.getKey(), String.join(", ", e.getValue()));
            }
        }
        if (request.contentType() != null && request.header("Content-Type") == null) {
            b.header("Content-Type", request.contentType());
        }
        b.method(request.method(), publisher(request));
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new TransportException(
                    "no answer from " + request.url().getHost() + " within " + responseTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new TransportException("cannot reach " + request.url().getHost() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(
                    "interrupted while calling " + request.url().getHost(), new java.io.InterruptedIOException());
        }
        return request instanceof RawRequest
                ? new StreamingResponse(request, response)
                : new BufferedResponse(request, response);
    }

    private static HttpRequest.BodyPublisher publisher(GitHubConnectorRequest request) throws IOException {
        if (!request.hasBody() || request.body() == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (request instanceof RawRequest raw && raw.bodyLength() >= 0) {
            InputStream body = raw.body();
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> body), raw.bodyLength());
        }
        try (InputStream in = request.body()) {
            return HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
        }
    }

    private static URI uri(GitHubConnectorRequest request) throws IOException {
        try {
            return request.url().toURI();
        } catch (URISyntaxException e) {
            throw new IOException("invalid GitHub URL " + request.url(), e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m;
    }

    /** hub4j's responses: small JSON documents, buffered so hub4j may read them more than once. */
    private static final class BufferedResponse extends GitHubConnectorResponse.ByteArrayResponse {
        private final HttpResponse<InputStream> response;

        BufferedResponse(GitHubConnectorRequest request, HttpResponse<InputStream> response) {
            super(request, response.statusCode(), response.headers().map());
            this.response = response;
        }

        @Override
        protected InputStream rawBodyStream() {
            return response.body();
        }

        @Override
        public void close() throws IOException {
            super.close();
            response.body().close();
        }
    }

    /** Raw responses: the body is the live stream, read once. */
    private static final class StreamingResponse extends GitHubConnectorResponse {
        private final HttpResponse<InputStream> response;
        private InputStream stream;

        StreamingResponse(GitHubConnectorRequest request, HttpResponse<InputStream> response) {
            super(request, response.statusCode(), response.headers().map());
            this.response = response;
        }

        @Override
        public synchronized InputStream bodyStream() throws IOException {
            if (stream == null) {
                stream = wrapStream(response.body());
            }
            return stream;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
