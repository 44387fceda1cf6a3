package io.releasekit.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's session: the bearer token the user logged in with, in an HttpOnly, SameSite=Strict cookie limited to
 * {@code /console} (so it never authenticates an API call), and the CSRF token of its forms, derived from that
 * session token (a page that cannot read the cookie cannot compute it).
 */
final class ConsoleSession {

    /** The session cookie's name. */
    static final String COOKIE = "releasekit_session";

    /** The hidden form field that carries the CSRF token. */
    static final String CSRF_FIELD = "_csrf";

    /** The console's root path; the cookie is sent to it and below only. */
    static final String PATH = "/console";
    /** The console's pages as a regular expression over the request path: {@code /console} and below it. */
    static final String PAGES = PATH + "(/.*)?";

    private ConsoleSession() {}

    /** The session token of a request, if it has the cookie. */
    static Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    /** The cookie that keeps {@code token}: HttpOnly, SameSite=Strict, path /console, Secure over HTTPS. */
    static Cookie cookie(String token, boolean secure) {
        return Cookie.of(COOKIE, token)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path(PATH)
                .secure(secure);
    }

    /** A cookie that ends the session. */
    static Cookie expired(boolean secure) {
        return cookie("", secure).maxAge(0);
    }

    /** The CSRF token for forms of the session with {@code token}. */
    static String csrf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("releasekit-console-csrf:" + token).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether a submitted form carries the CSRF token of the request's session. */
    static boolean csrfValid(HttpRequest<?> request, String submitted) {
        return submitted != null
                && token(request)
                        .map(t -> MessageDigest.isEqual(
                                csrf(t).getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8)))
                        .orElse(false);
    }
}
