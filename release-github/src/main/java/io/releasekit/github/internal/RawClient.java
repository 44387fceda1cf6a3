package io.releasekit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.host.Download;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The calls releasekit makes without hub4j, through the same connector, base URL and token: streaming downloads and
 * uploads (hub4j 1.330 reads an upload body fully into memory) and fields hub4j does not map. Follows redirects
 * itself, sending the token only to the API's own host; follows {@code Link: rel="next"} pagination only within that
 * host. Errors go through {@link GitHubErrors}.
 */
public final class RawClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_PAGES = 1000;

    private final URI api;
    private final GitHubConnector connector;
    private final AuthorizationProvider auth;
    private final GitHubErrors errors;

    /**
     * A client of the API at {@code api}.
     *
     * @param api the API base URL, e.g. {@code https://api.github.com}
     */
    public RawClient(URI api, GitHubConnector connector, AuthorizationProvider auth, GitHubErrors errors) {
        this.api = Objects.requireNonNull(api, "api");
        this.connector = connector;
        this.auth = auth;
        this.errors = errors;
    }

    /** GETs a JSON document from a path below the API URL. */
    public JsonNode getJson(String what, String path) {
        try (GitHubConnectorResponse r = exchange(what, "GET", resolve(path), JSON_TYPE, null, -1)) {
            return JSON.readTree(r.bodyStream());
        } catch (IOException e) {
            throw errors.translate(what, e);
        }
    }

    /** GETs every element of a paginated JSON array, following {@code Link: rel="next"}. */
    public List<JsonNode> getPaged(String what, String path) {
        List<JsonNode> out = new ArrayList<>();
        URI next = resolve(path);
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES) {
                throw new ServiceUnavailableException("github", what + ": more than " + MAX_PAGES + " pages");
            }
            try (GitHubConnectorResponse r = exchange(what, "GET", next, JSON_TYPE, null, -1)) {
                JSON.readTree(r.bodyStream()).forEach(out::add);
                next = nextPage(what, r.header("Link"));
            } catch (IOException e) {
                throw errors.translate(what, e);
            }
        }
        return out;
    }

    /** GETs a small text document (e.g. a commit id with {@code application/vnd.github.sha}). */
    public String getText(String what, String path, String accept) {
        try (GitHubConnectorResponse r = exchange(what, "GET", resolve(path), accept, null, -1);
                InputStream in = r.bodyStream()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw errors.translate(what, e);
        }
    }

    /** DELETEs a resource below the API URL. */
    public void delete(String what, String path) {
        try (GitHubConnectorResponse ignored = exchange(what, "DELETE", resolve(path), JSON_TYPE, null, -1)) {
            // 204 No Content
        } catch (IOException e) {
            throw errors.translate(what, e);
        }
    }

    /**
     * Opens a download, following redirects (GitHub sends asset and archive downloads to another host, which gets no
     * token). The caller closes the download.
     */
    public Download open(String what, String path, String accept) {
        GitHubConnectorResponse r = null;
        try {
            r = exchange(what, "GET", resolve(path), accept, null, -1);
            long length = parseLength(r.header("Content-Length"));
            return new Download(new ClosingStream(r.bodyStream(), r), length, r.header("Content-Type"));
        } catch (IOException | RuntimeException e) {
            closeQuietly(r);
            throw errors.translate(what, e);
        }
    }

    /**
     * POSTs a body of known length to an upload URL GitHub handed out ({@code upload_url}), streaming it.
     *
     * @return the created resource
     */
    public JsonNode upload(String what, URI url, String contentType, InputStream body, long length) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        try (GitHubConnectorResponse r = exchange(what, "POST", url, JSON_TYPE, body, length, headers)) {
            return JSON.readTree(r.bodyStream());
        } catch (IOException e) {
            throw errors.translate(what, e);
        }
    }

    /** The API base URL. */
    public URI api() {
        return api;
    }

    private static final String JSON_TYPE = "application/vnd.github+json";

    private GitHubConnectorResponse exchange(
            String what, String method, URI uri, String accept, InputStream body, long length) throws IOException {
        return exchange(what, method, uri, accept, body, length, Map.of());
    }

    private GitHubConnectorResponse exchange(
            String what,
            String method,
            URI uri,
            String accept,
            InputStream body,
            long length,
            Map<String, String> extra)
            throws IOException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            Map<String, String> headers = new LinkedHashMap<>(extra);
            headers.put("Accept", accept);
            headers.put("X-GitHub-Api-Version", "2022-11-28");
            headers.put("User-Agent", "releasekit");
            String authorization = auth.getEncodedAuthorization();
            // The token goes to the API host, and to the upload host GitHub named (hop 0 of an upload); never to a
            // host a redirect leads to.
            boolean tokenAllowed = sameOrigin(current) || (hop == 0 && body != null);
            if (authorization != null && tokenAllowed) {
                headers.put("Authorization", authorization);
            }
            GitHubConnectorResponse r =
                    connector.send(new RawRequest(method, url(current), headers, hop == 0 ? body : null, length));
            int status = r.statusCode();
            if (status >= 300 && status < 400 && r.header("Location") != null && "GET".equals(method)) {
                closeQuietly(r);
                if (hop >= MAX_REDIRECTS) {
                    throw errors.fromStatus(
                            what + ": more than " + MAX_REDIRECTS + " redirects", 502, Map.of(), "", null);
                }
                URI target = current.resolve(r.header("Location"));
                if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
                    throw errors.fromStatus(
                            what + ": GitHub redirected from https to " + target.getScheme(), 502, Map.of(), "", null);
                }
                current = target;
                continue;
            }
            if (status >= 300) {
                GitHubHttpException e = GitHubHttpException.of(r);
                closeQuietly(r);
                throw errors.fromStatus(what, status, e.headers(), e.body(), e);
            }
            return r;
        }
    }

    private boolean sameOrigin(URI u) {
        return api.getScheme().equalsIgnoreCase(u.getScheme())
                && api.getHost().equalsIgnoreCase(u.getHost())
                && port(api) == port(u);
    }

    private URI nextPage(String what, String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        if (!m.find()) {
            return null;
        }
        URI next = URI.create(m.group(1));
        if (!sameOrigin(next)) {
            throw new ServiceUnavailableException(
                    "github", what + ": GitHub sent a next-page link to another host (" + next.getHost() + ")");
        }
        return next;
    }

    /** A path below the API URL (which may have a path of its own, as GitHub Enterprise's {@code /api/v3}). */
    URI resolve(String path) {
        String base = api.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static URL url(URI u) throws IOException {
        try {
            return u.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IOException("invalid URL " + u, e);
        }
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void closeQuietly(GitHubConnectorResponse r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // the response is being discarded
            }
        }
    }

    /** Closes the response with the stream. */
    private static final class ClosingStream extends java.io.FilterInputStream {
        private final GitHubConnectorResponse response;

        ClosingStream(InputStream in, GitHubConnectorResponse response) {
            super(in);
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
