package io.releasekit.api.problem;

import io.releasekit.api.logging.Redaction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a problem detail may say. Every detail passes through the log redactor (patterns and configured secrets) and
 * names no Java class: a fully qualified class name ({@code io.releasekit.api.artifact.GateRequest$Status}) becomes
 * its last simple name ({@code Status}).
 */
public final class ProblemText {

    /** Longest detail sent; the log has the rest. */
    static final int MAX_LENGTH = 1000;

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}(?:[A-Z][A-Za-z0-9_]*\\$)*([A-Z][A-Za-z0-9_]*)\\b");

    private ProblemText() {}

    /**
     * The text a client may see.
     *
     * @param text a message
     * @return the message without Java class names and secrets, at most {@value #MAX_LENGTH} characters
     */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CLASS_NAME.matcher(text);
        String out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        out = Redaction.redact(out);
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
