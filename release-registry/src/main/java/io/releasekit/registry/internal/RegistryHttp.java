package io.releasekit.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.registry.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends requests to one registry with its authentication: none, HTTP Basic when the registry challenges with
 * {@code Basic}, or the bearer-token flow (the registry answers 401 with {@code WWW-Authenticate: Bearer realm,
 * service, scope}; a token for those scopes is fetched from the realm, with Basic credentials when configured, cached
 * per scope and sent again). Redirects (blob downloads from a CDN or bucket) are followed here without the
 * registry's credentials. Not API.
 */
public final class RegistryHttp {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    private final URI base;
    private final HttpClient client;
    private final RegistryCredentials credentials;
    private final RegistryErrors errors;
    private final Duration timeout;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean basic;

    /**
     * @param base the registry's base URI ({@code https://quay.io})
     * @param credentials how to sign in
     * @param errors the error translation
     * @param timeout the time limit of one request
     */
    public RegistryHttp(URI base, RegistryCredentials credentials, RegistryErrors errors, Duration timeout) {
        this.base = base;
        this.credentials = credentials;
        this.errors = errors;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The error translation. */
    public RegistryErrors errors() {
        return errors;
    }

    /** A URI below the base: {@code /v2/...}, with query parameters already encoded. */
    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** Encodes a query parameter value. */
    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Sends a request, signing in as the registry asks.
     *
     * @param request builds the request (called again after a challenge); the body publisher must be replayable
     * @param handler reads the body
     * @param scope the token scope the operation needs ({@code repository:a/b:pull}), for caching
     * @param where the operation, for messages
     */
    public <T> HttpResponse<T> send(
            Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler, String scope, String where) {
        HttpResponse<T> r = once(request, handler, scope, where);
        if (r.statusCode() != 401) {
            return r;
        }
        drain(r);
        Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
        if (challenge.isEmpty()) {
            return r;
        }
        String c = challenge.get().strip();
        if (c.regionMatches(true, 0, "Basic", 0, 5) && credentials.username().isPresent()) {
            basic = true;
        } else if (c.regionMatches(true, 0, "Bearer", 0, 6)) {
            tokens.put(scope, token(params(c), scope, where));
        } else {
            return r;
        }
        return once(request, handler, scope, where);
    }

    /** Sends a request and answers the body as bytes, throwing the translated error for any status not 2xx. */
    public HttpResponse<byte[]> expectOk(Supplier<HttpRequest.Builder> request, String scope, String where) {
        HttpResponse<byte[]> r = send(request, HttpResponse.BodyHandlers.ofByteArray(), scope, where);
        if (r.statusCode() / 100 != 2) {
            throw errors.translate(r.statusCode(), r.headers(), r.body(), where);
        }
        return r;
    }

    /** Fetches a URI a registry redirected to, without the registry's credentials. */
    public HttpResponse<InputStream> follow(URI location, String where) {
        try {
            HttpResponse<InputStream> r = client.send(
                    HttpRequest.newBuilder(location).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() / 100 != 2) {
                byte[] body = r.body().readNBytes(4096);
                r.body().close();
                throw errors.translate(r.statusCode(), r.headers(), body, where + " (redirected)");
            }
            return r;
        } catch (IOException e) {
            throw errors.unreachable(e, where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.unreachable(new IOException("interrupted", e), where);
        }
    }

    private <T> HttpResponse<T> once(
            Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler, String scope, String where) {
        HttpRequest.Builder b = request.get().timeout(timeout);
        String token = tokens.get(scope);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        } else if (basic) {
            b.header("Authorization", basicHeader());
        }
        try {
            return client.send(b.build(), handler);
        } catch (IOException e) {
            throw errors.unreachable(e, where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.unreachable(new IOException("interrupted", e), where);
        }
    }

    private String token(Map<String, String> challenge, String scope, String where) {
        String realm = challenge.get("realm");
        if (realm == null) {
            throw errors.translate(
                    401,
                    HttpHeaders.of(Map.of(), (a, b) -> true),
                    new byte[0],
                    where + ": bearer challenge without realm");
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (challenge.containsKey("scope")) {
            scopes.addAll(java.util.List.of(challenge.get("scope").split(" ")));
        }
        scopes.addAll(java.util.List.of(scope.split(" ")));
        StringBuilder query = new StringBuilder();
        if (challenge.containsKey("service")) {
            query.append("service=").append(q(challenge.get("service")));
        }
        for (String s : scopes) {
            if (!s.isBlank()) {
                query.append(query.length() == 0 ? "" : "&").append("scope=").append(q(s));
            }
        }
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (credentials.username().isPresent()) {
            b.header("Authorization", basicHeader());
        }
        String tokenWhere = where + ": token request to " + uri.getHost();
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw errors.translate(r.statusCode(), r.headers(), r.body(), tokenWhere);
            }
            JsonNode json = Json.parse(r.body(), "token answer of " + uri.getHost());
            String t = json.path("token").asText(json.path("access_token").asText(""));
            if (t.isEmpty()) {
                throw errors.translate(502, r.headers(), new byte[0], tokenWhere + " answered no token");
            }
            return t;
        } catch (IOException e) {
            throw errors.unreachable(e, tokenWhere);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.unreachable(new IOException("interrupted", e), tokenWhere);
        }
    }

    private String basicHeader() {
        String pair = credentials.username().orElseThrow() + ":"
                + credentials.password().orElseThrow().reveal();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> params(String challenge) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = PARAM.matcher(challenge);
        while (matcher.find()) {
            m.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
        }
        return m;
    }

    private static void drain(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the 401 body is of no use
            }
        }
    }
}
