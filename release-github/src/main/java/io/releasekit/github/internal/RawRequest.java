package io.releasekit.github.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * A request releasekit sends itself through the same connector as hub4j's (downloads, streaming uploads, fields hub4j
 * does not map). Unlike hub4j's requests, its body streams with a known length and its response body is handed out
 * as a live stream.
 */
final class RawRequest implements GitHubConnectorRequest {

    private final String method;
    private final URL url;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final InputStream body;
    private final long bodyLength;

    RawRequest(String method, URL url, Map<String, String> headers, InputStream body, long bodyLength) {
        this.method = method;
        this.url = url;
        headers.forEach((k, v) -> this.headers.put(k, List.of(v)));
        this.body = body;
        this.bodyLength = bodyLength;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Map<String, List<String>> allHeaders() {
        return headers;
    }

    @Override
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public InputStream body() {
        return body;
    }

    /** The exact body length, announced as {@code Content-Length}; -1 without a body. */
    long bodyLength() {
        return bodyLength;
    }

    @Override
    public URL url() {
        return url;
    }

    @Override
    public boolean hasBody() {
        return body != null;
    }
}
