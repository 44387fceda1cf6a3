package io.releasekit.core.redact;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes known secrets from text before it reaches an exception message, a log line or a response body. Each
 * adapter holds one, built from the credentials it was configured with; every message it produces passes through
 * {@link #redact(String)}, and every foreign exception it keeps as a cause passes through {@link
 * #redact(Throwable)}.
 *
 * <p>A secret is replaced wherever it appears verbatim or URL-encoded. Values shorter than {@value #MIN_LENGTH}
 * characters are ignored: masking them would shred ordinary words.
 */
public final class Redactor {

    /** Values shorter than this are not treated as secrets. */
    public static final int MIN_LENGTH = 6;

    static final String MASK = "****";

    private final List<String> needles;

    private Redactor(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_LENGTH) {
                all.add(s);
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // longest first, so a URL is masked as a whole before its path would be
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.needles = List.copyOf(sorted);
    }

    /** A redactor that knows no secret. */
    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** A redactor for these secret values (nulls and short values are ignored). */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
    }

    /** A redactor for these secrets. */
    public static Redactor of(Secret... secrets) {
        List<String> values = new ArrayList<>();
        for (Secret s : secrets) {
            if (s != null) {
                values.add(s.reveal());
            }
        }
        return new Redactor(values);
    }

    /**
     * A redactor for a URL whose path and query are secret (a Slack incoming webhook, a generic webhook with a token
     * in its path): the whole URL, its path and its query are masked.
     */
    public static Redactor ofUrl(URI url) {
        List<String> values = new ArrayList<>();
        values.add(url.toString());
        values.add(url.getRawPath());
        values.add(url.getRawQuery());
        values.add(url.getPath());
        return new Redactor(values);
    }

    /** This redactor plus another one's secrets. */
    public Redactor and(Redactor other) {
        List<String> values = new ArrayList<>(needles);
        values.addAll(other.needles);
        return new Redactor(values);
    }

    /** The text with every known secret replaced by {@code ****}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, MASK);
            }
        }
        return out;
    }

    /**
     * A copy of a throwable chain safe to keep as a cause: each element becomes a {@link RedactedException} naming the
     * original class, with the message redacted and the original stack trace. Returns the throwable itself when no
     * message in the chain contains a secret.
     */
    public Throwable redact(Throwable t) {
        if (t == null || !containsSecret(t)) {
            return t;
        }
        return copy(t, new IdentityHashMap<>());
    }

    /**
     * A URL that is safe to show: scheme, host and port, with any path replaced by {@code /****}. For URLs whose path
     * is a credential (webhooks).
     */
    public static String safeUrl(URI url) {
        if (url == null) {
            return "null";
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "" : "/" + MASK;
        return url.getScheme() + "://" + url.getHost() + port + path;
    }

    private boolean containsSecret(Throwable t) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.equals(redact(m))) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (containsSecret(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private RedactedException copy(Throwable t, Map<Throwable, RedactedException> done) {
        RedactedException existing = done.get(t);
        if (existing != null) {
            return existing;
        }
        RedactedException r = new RedactedException(t.getClass().getName(), redact(t.getMessage()));
        done.put(t, r);
        r.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            r.initCause(copy(t.getCause(), done));
        }
        for (Throwable s : t.getSuppressed()) {
            r.addSuppressed(copy(s, done));
        }
        return r;
    }
}
