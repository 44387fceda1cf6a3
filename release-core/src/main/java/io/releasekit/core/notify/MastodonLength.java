package io.releasekit.core.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts characters the way Mastodon's {@code StatusLengthValidator} does: user-perceived characters (extended
 * grapheme clusters, so an emoji or an accented letter counts once), every {@code http(s)://} URL counts as
 * {@value #CHARACTERS_RESERVED_PER_URL} characters whatever its length, and a remote mention {@code @user@domain}
 * counts only as {@code @user}.
 *
 * <p>URL recognition is a close approximation of Mastodon's (Twitter-text based) pattern: a URL starts with {@code
 * http://} or {@code https://} not glued to a preceding word, runs to the next whitespace, and loses trailing
 * punctuation ({@code .,;:!?'"} and an unbalanced {@code )}).
 */
public final class MastodonLength {

    /** What a URL counts as on Mastodon ({@code configuration.statuses.characters_reserved_per_url}). */
    public static final int CHARACTERS_RESERVED_PER_URL = 23;

    private static final Pattern URL =
            Pattern.compile("(?<![\\p{L}\\p{N}_/@.])https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTION =
            Pattern.compile("(?<![=/\\p{L}\\p{N}_])@([\\p{L}\\p{N}_]+)@[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_]");
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private MastodonLength() {}

    /** The length Mastodon counts for this text. */
    public static int count(String text) {
        return count(text, CHARACTERS_RESERVED_PER_URL);
    }

    /** The length Mastodon counts for this text, with an instance's own URL weight. */
    public static int count(String text, int charactersPerUrl) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String placeholder = "x".repeat(charactersPerUrl);
        StringBuilder sb = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            String url = trimTrailing(m.group());
            sb.append(text, last, m.start()).append(placeholder);
            last = m.start() + url.length();
        }
        sb.append(text, last, text.length());
        String countable = MENTION.matcher(sb).replaceAll("@$1");
        return graphemes(countable);
    }

    /** The number of user-perceived characters (extended grapheme clusters). */
    public static int graphemes(CharSequence text) {
        Matcher m = GRAPHEME.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?'\"".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url.substring(0, end), '(') < count(url.substring(0, end), ')')) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
