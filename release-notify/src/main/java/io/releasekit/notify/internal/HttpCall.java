package io.releasekit.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to send through an {@link HttpChannel}: method, path (from {@link HttpChannel#path(String)}),
 * headers and body, built fluently. {@link HttpChannel} turns it into a JDK {@code HttpRequest}.
 */
public final class HttpCall {

    /** {@code application/json}. */
    public static final String JSON = "application/json";
    /** {@code application/json; charset=utf-8}. */
    public static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final String method;
    private final String path;
    private final byte[] body;
    private final List<String[]> headers = new ArrayList<>();

    private HttpCall(String method, String path, byte[] body) {
        this.method = method;
        this.path = Objects.requireNonNull(path, "path");
        this.body = body;
    }

    /** A {@code GET} of a path. */
    public static HttpCall get(String path) {
        return new HttpCall("GET", path, null);
    }

    /** A {@code POST} of a body to a path. */
    public static HttpCall post(String path, byte[] body) {
        return new HttpCall("POST", path, Objects.requireNonNull(body, "body"));
    }

    /** A {@code PUT} of a body to a path. */
    public static HttpCall put(String path, byte[] body) {
        return new HttpCall("PUT", path, Objects.requireNonNull(body, "body"));
    }

    /** Adds a header. */
    public HttpCall header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** Sets the {@code Content-Type}. */
    public HttpCall contentType(String value) {
        return header("Content-Type", value);
    }

    /** Sets {@code Authorization: Bearer <token>}. */
    public HttpCall bearerAuth(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** The method. */
    public String method() {
        return method;
    }

    /** The path, query included. */
    public String path() {
        return path;
    }

    /** The body, empty for a {@code GET}. */
    public Optional<byte[]> body() {
        return Optional.ofNullable(body);
    }

    /** The headers, as name and value pairs, in the order they were added. */
    public List<String[]> headers() {
        return List.copyOf(headers);
    }
}
