package io.releasekit.aws.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * An SDK HTTP client (Apache 5 underneath) that counts what crosses the wire: every request, and the bytes of object
 * content sent (PutObject, UploadPart) and received (GetObject), separately from all body bytes (XML included). Proves
 * that a server-side copy moves no object bytes through this process. Path-style requests assumed.
 */
public final class CountingHttpClient implements SdkHttpClient {

    /** One request as sent: method, path, query parameter names, whether it carried {@code x-amz-copy-source}. */
    public record Sent(String method, String path, Map<String, List<String>> query, boolean copy) {

        /** Whether this request moved object content up (PutObject or UploadPart). */
        public boolean uploadsContent() {
            return method.equals("PUT") && !copy && objectPath();
        }

        /** Whether this request fetched object content (GetObject). */
        public boolean downloadsContent() {
            return method.equals("GET") && objectPath() && query.isEmpty();
        }

        /** The S3 operation: LIST, HEAD, GET, PUT (an upload or a part), COPY, DELETE, or the method otherwise. */
        public String operation() {
            if (isList()) {
                return "LIST";
            }
            return copy ? "COPY" : method;
        }

        /** Whether this is a ListObjectsV2 page. */
        public boolean isList() {
            return method.equals("GET") && query.containsKey("list-type");
        }

        private boolean objectPath() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            int slash = p.indexOf('/');
            return slash > 0 && slash < p.length() - 1;
        }
    }

    private final SdkHttpClient delegate;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong contentUp = new AtomicLong();
    private final AtomicLong contentDown = new AtomicLong();

    /** Counts around a new Apache 5 client. */
    public CountingHttpClient() {
        this(Apache5HttpClient.create());
    }

    /** Counts around {@code delegate}. */
    public CountingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest r = request.httpRequest();
        Sent s = new Sent(
                r.method().name(),
                r.encodedPath(),
                r.rawQueryParameters(),
                r.firstMatchingHeader("x-amz-copy-source").isPresent());
        sent.add(s);
        HttpExecuteRequest.Builder b = HttpExecuteRequest.builder()
                .request(r)
                .metricCollector(request.metricCollector().orElse(null));
        request.contentStreamProvider()
                .ifPresent(p -> b.contentStreamProvider(counting(p, s.uploadsContent() ? contentUp : null)));
        ExecutableHttpRequest exec = delegate.prepareRequest(b.build());
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = exec.call();
                if (response.responseBody().isEmpty()) {
                    return response;
                }
                AbortableInputStream body = response.responseBody().get();
                InputStream counted = new Counting(body, s.downloadsContent() ? contentDown : null);
                return HttpExecuteResponse.builder()
                        .response(response.httpResponse())
                        .responseBody(AbortableInputStream.create(counted, body))
                        .build();
            }

            @Override
            public void abort() {
                exec.abort();
            }
        };
    }

    /** Every request sent so far. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Object content bytes sent (PutObject, UploadPart bodies). */
    public long contentBytesUp() {
        return contentUp.get();
    }

    /** Object content bytes received (GetObject bodies). */
    public long contentBytesDown() {
        return contentDown.get();
    }

    /** Object content bytes in both directions. */
    public long contentBytes() {
        return contentUp.get() + contentDown.get();
    }

    /** All body bytes in both directions, XML included. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** Forgets what was counted. */
    public void reset() {
        sent.clear();
        bodyBytes.set(0);
        contentUp.set(0);
        contentDown.set(0);
    }

    @Override
    public String clientName() {
        return "counting-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private ContentStreamProvider counting(ContentStreamProvider p, AtomicLong content) {
        return () -> new Counting(p.newStream(), content);
    }

    private final class Counting extends FilterInputStream {
        private final AtomicLong content;

        Counting(InputStream in, AtomicLong content) {
            super(in);
            this.content = content;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            bodyBytes.addAndGet(n);
            if (content != null) {
                content.addAndGet(n);
            }
        }
    }
}
