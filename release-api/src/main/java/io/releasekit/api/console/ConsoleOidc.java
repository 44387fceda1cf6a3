package io.releasekit.api.console;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's OpenID Connect login (authorization code with PKCE) at the configured issuer: {@link #start} sends
 * the browser to the provider with a fresh state, nonce and code verifier kept in a short-lived HttpOnly cookie; {@link
 * #complete} checks the state, exchanges the code at the token endpoint (over the back channel, with the client secret
 * when one is configured), checks the ID token's nonce, issuer and audience, and answers the first of the access token
 * and the ID token that the API's own validators accept — that token becomes the console session, with exactly the
 * roles the API would grant it.
 */
@Singleton
@Requires(property = "releasekit.console.oidc.issuer")
@Requires(property = "releasekit.security.jwt.enabled", value = "true")
final class ConsoleOidc {

    /** The cookie holding a login in progress (state, nonce, code verifier). */
    static final String TRANSACTION = "releasekit_oidc";

    /** Where the provider sends the browser back. */
    static final String CALLBACK = ConsoleSession.PATH + "/login/oidc/callback";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConsoleOidcProperties properties;
    private final String issuer;
    private final JsonMapper json;
    private final HttpHostResolver hosts;
    private final ConsoleAuthenticator authenticator;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final SecureRandom random = new SecureRandom();
    private volatile Endpoints endpoints;

    /** A login that did not succeed; the message is for the log (it names no secret). */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /** Where the browser goes, and the cookie that remembers the attempt. */
    record Start(URI redirect, Cookie transaction) {}

    private record Endpoints(URI authorization, URI token) {}

    ConsoleOidc(
            ConsoleOidcProperties properties,
            JsonMapper json,
            HttpHostResolver hosts,
            ConsoleAuthenticator authenticator) {
        this.properties = properties;
        this.issuer = properties.getIssuer().strip();
        if (properties.getClientId() == null || properties.getClientId().isBlank()) {
            throw new IllegalArgumentException(
                    "releasekit.console.oidc.client-id is required when releasekit.console.oidc.issuer is set");
        }
        URI.create(issuer); // a malformed issuer stops the start, naming it
        this.json = json;
        this.hosts = hosts;
        this.authenticator = authenticator;
    }

    /** The login button's label. */
    String providerName() {
        return properties.getProviderName();
    }

    /** Starts a login: the provider's authorization URL and the transaction cookie. */
    Start start(HttpRequest<?> request) {
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", properties.getClientId());
        query.put("redirect_uri", redirectUri(request));
        query.put("scope", properties.getScopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", base64Url(sha256(verifier)));
        query.put("code_challenge_method", "S256");
        URI authorization = endpoints().authorization();
        String separator = authorization.getRawQuery() == null ? "?" : "&";
        Cookie cookie = Cookie.of(TRANSACTION, state + "." + nonce + "." + verifier)
                .httpOnly(true)
                .sameSite(SameSite.Lax) // sent on the provider's top-level redirect back, unlike Strict
                .path(CALLBACK)
                .maxAge(Duration.ofMinutes(10))
                .secure(request.isSecure());
        return new Start(URI.create(authorization + separator + form(query)), cookie);
    }

    /**
     * Completes a login.
     *
     * @return the token to keep as the console session
     * @throws Failure when anything does not check out
     */
    String complete(String code, String state, Optional<String> transaction, HttpRequest<?> request) {
        String[] t = transaction.map(v -> v.split("\\.", -1)).orElse(new String[0]);
        if (t.length != 3 || state == null || !MessageDigest.isEqual(bytes(t[0]), bytes(state))) {
            throw new Failure("the state returned by the provider does not match this browser's login");
        }
        if (code == null || code.isBlank()) {
            throw new Failure("the provider returned no authorization code");
        }
        Map<String, Object> tokens = exchange(code, t[2], redirectUri(request));
        checkIdToken(tokens.get("id_token"), t[1]);
        for (String name : List.of("access_token", "id_token")) {
            if (tokens.get(name) instanceof String token
                    && authenticator.authenticate(token, request).isPresent()) {
                return token;
            }
        }
        throw new Failure("neither the access token nor the ID token is accepted by releasekit.security.jwt"
                + " (signature key, issuer or audience validators)");
    }

    private Map<String, Object> exchange(String code, String verifier, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("client_id", properties.getClientId());
        body.put("code_verifier", verifier);
        java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(
                        endpoints().token())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form(body)));
        String secret = properties.getClientSecret();
        if (secret != null && !secret.isBlank()) {
            String basic = encode(properties.getClientId()) + ":" + encode(secret);
            post.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(bytes(basic)));
        }
        HttpResponse<byte[]> response = send(post.build(), "token endpoint");
        if (response.statusCode() != 200) {
            throw new Failure("the token endpoint answered " + response.statusCode());
        }
        return object(response.body(), "token response");
    }

    private void checkIdToken(Object idToken, String nonce) {
        if (!(idToken instanceof String id)) {
            throw new Failure("the token response has no id_token");
        }
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(id).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Failure("the id_token is not a JWT: " + e.getMessage());
        }
        if (!Objects.equals(claims.getClaim("nonce"), nonce)) {
            throw new Failure("the id_token's nonce does not match this browser's login");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new Failure("the id_token's issuer '" + claims.getIssuer() + "' is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(properties.getClientId())) {
            throw new Failure("the id_token is not for client " + properties.getClientId());
        }
    }

    /** The provider's endpoints from its discovery document, fetched once. */
    private Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e == null) {
            URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
            HttpResponse<byte[]> response = send(
                    java.net.http.HttpRequest.newBuilder(discovery)
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    "discovery document " + discovery);
            if (response.statusCode() != 200) {
                throw new Failure("the discovery document " + discovery + " answered " + response.statusCode());
            }
            Map<String, Object> doc = object(response.body(), "discovery document");
            if (!issuer.equals(doc.get("issuer"))) {
                throw new Failure("the discovery document names issuer '" + doc.get("issuer") + "', not " + issuer);
            }
            e = new Endpoints(uri(doc, "authorization_endpoint"), uri(doc, "token_endpoint"));
            endpoints = e;
        }
        return e;
    }

    private String redirectUri(HttpRequest<?> request) {
        String configured = properties.getRedirectUri();
        return configured != null && !configured.isBlank() ? configured : hosts.resolve(request) + CALLBACK;
    }

    private HttpResponse<byte[]> send(java.net.http.HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failure("the " + what + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while calling the " + what);
        }
    }

    private Map<String, Object> object(byte[] body, String what) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new Failure("the " + what + " is not a JSON object");
        }
    }

    private static URI uri(Map<String, Object> doc, String field) {
        if (!(doc.get(field) instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
            throw new Failure("the discovery document has no http(s) " + field);
        }
        return URI.create(s);
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return base64Url(b);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64Url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes(s));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
