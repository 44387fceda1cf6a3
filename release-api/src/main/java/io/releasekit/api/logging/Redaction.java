package io.releasekit.api.logging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log: bearer tokens, releasekit {@code rk_} tokens, GitHub / Slack / Matrix
 * tokens, Slack webhook paths, secret query parameters, credentials in URLs and AWS keys, and every secret value of
 * the configuration ({@link #addSecrets}, filled by {@link ConfiguredSecrets} at startup). The safety net under every
 * log line (see {@link RedactingConverter}) and every problem detail; code should still never log a secret on
 * purpose.
 */
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // Authorization headers and their echoes
            new Rule(Pattern.compile("(?i)\\b(Bearer\\s+)[A-Za-z0-9._~+/-]+=*"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)\\b(Basic\\s+)[A-Za-z0-9+/]{8,}=*"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)(Authorization[\"']?\\s*[:=]\\s*[\"']?token\\s+)[^\\s\"',]+"), "$1" + MASK),
            // releasekit static and admin tokens
            new Rule(Pattern.compile("\\brk_[A-Za-z0-9_-]{6,}"), "rk_" + MASK),
            // GitHub personal, OAuth, app and fine-grained tokens
            new Rule(Pattern.compile("\\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{10,}"), "$1" + MASK),
            // Slack bot/user/app tokens
            new Rule(Pattern.compile("\\b(xox[abposr]-|xapp-)[A-Za-z0-9-]{6,}"), "$1" + MASK),
            // Matrix access tokens
            new Rule(Pattern.compile("\\b(sy[tu]_)[A-Za-z0-9_=-]{6,}"), "$1" + MASK),
            // Slack incoming-webhook URLs: the path is the secret
            new Rule(
                    Pattern.compile("(hooks\\.slack\\.com/(?:services|workflows|triggers)/)[^\\s\"'<>)]+"),
                    "$1" + MASK),
            // secret query parameters and form fields (also pre-signed S3 URLs)
            new Rule(
                    Pattern.compile("(?i)\\b((?:access_token|refresh_token|client_secret|token|secret|password|api_key"
                            + "|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\\s\"'<>]+"),
                    "$1" + MASK),
            // user:password@ in URLs
            new Rule(Pattern.compile("(://)[^/\\s:@]+:[^/\\s@]+@"), "$1" + MASK + "@"),
            // AWS secret keys and session tokens next to their names (env, config, JSON, STS XML)
            new Rule(
                    Pattern.compile("(?i)((?:aws_secret_access_key|secret_?access_?key|aws_session_token"
                            + "|session_?token)[\"'>]?\\s*[:=>]?\\s*[\"']?)[A-Za-z0-9/+=]{16,}"),
                    "$1" + MASK),
            // AWS access key ids
            new Rule(Pattern.compile("\\b((?:AKIA|ASIA)[A-Z0-9]{4})[A-Z0-9]{12}\\b"), "$1" + MASK),
            // a bare 40-character AWS secret key (mixed case, unlike a hex git commit id)
            new Rule(
                    Pattern.compile("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))"
                            + "(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])[A-Za-z0-9/+]{40}"),
                    MASK));

    /** Configured secrets shorter than this are not masked: they would shred ordinary words. */
    public static final int MIN_SECRET_LENGTH = 8;

    /** Secret values from the configuration, longest first, with their URL-encoded forms. */
    private static volatile List<String> configured = List.of();

    /** How many registrations hold each configured value (several application contexts may share a JVM). */
    private static final Map<String, Integer> HOLDERS = new HashMap<>();

    private Redaction() {}

    /**
     * Adds secret values (from the configuration: tokens, passwords, webhook URLs) that are masked wherever they
     * appear verbatim or URL-encoded, whatever their shape. Values shorter than {@value #MIN_SECRET_LENGTH} characters
     * are ignored.
     *
     * @param secrets the values
     */
    public static synchronized void addSecrets(Collection<String> secrets) {
        forms(secrets).forEach(s -> HOLDERS.merge(s, 1, Integer::sum));
        publish();
    }

    /**
     * Removes values added by {@link #addSecrets} (when the application that configured them stops); a value added
     * more often stays until every addition is removed.
     *
     * @param secrets the values, as they were added
     */
    public static synchronized void removeSecrets(Collection<String> secrets) {
        forms(secrets).forEach(s -> HOLDERS.computeIfPresent(s, (k, n) -> n > 1 ? n - 1 : null));
        publish();
    }

    private static Set<String> forms(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_SECRET_LENGTH) {
                all.add(s);
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    private static void publish() {
        List<String> sorted = new ArrayList<>(HOLDERS.keySet());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        configured = List.copyOf(sorted);
    }

    /**
     * Returns {@code text} with every secret masked; {@code null} stays {@code null}.
     *
     * @param text a log message, an exception text or any string
     * @return the text with secrets replaced by {@value #MASK}
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : configured) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }
}
