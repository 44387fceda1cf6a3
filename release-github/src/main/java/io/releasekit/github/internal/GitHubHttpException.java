package io.releasekit.github.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * An error response of GitHub, captured with its status, headers and (the start of) its body. A {@link GHIOException}
 * so that hub4j passes it through unchanged to {@link GitHubErrors}.
 */
public final class GitHubHttpException extends GHIOException {

    static final int MAX_BODY = 16 * 1024;

    private final int status;
    private final transient Map<String, List<String>> headers;
    private final String body;
    private final String url;

    GitHubHttpException(int status, Map<String, List<String>> headers, String body, String url) {
        super("GitHub answered " + status + " for " + url);
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.url = url;
    }

    /** Captures an error response; reads at most 16 KiB of its body. */
    static GitHubHttpException of(GitHubConnectorResponse response) {
        String body;
        try (InputStream in = response.bodyStream()) {
            body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            body = "";
        }
        return new GitHubHttpException(
                response.statusCode(),
                response.allHeaders(),
                body,
                response.request().url().toString());
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The response headers (case-insensitive keys). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The start of the response body. */
    public String body() {
        return body;
    }

    /** The request URL. */
    public String url() {
        return url;
    }
}
