package io.releasekit.core.notify;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an announcement that is too long for one post into a thread of posts that each fit a character limit. Pure
 * and deterministic: the same text always gives the same thread.
 *
 * <ul>
 *   <li>A text that fits is returned unchanged as a single post, without a suffix.
 *   <li>Otherwise every post ends with a {@code " (i/n)"} suffix, counted in the limit.
 *   <li>Posts break at whitespace; line breaks inside a post are kept. A single word (a token without whitespace) is
 *       cut only when it alone exceeds the room left by the suffix, and then at character (grapheme) boundaries.
 *   <li>Length is counted by the given function: {@link #mastodon()} counts as Mastodon does ({@link
 *       MastodonLength}).
 * </ul>
 *
 * <pre>{@code
 * List<String> thread = PostSplitter.mastodon().split(blogSummary); // each post ≤ 500 as Mastodon counts
 * }</pre>
 */
public final class PostSplitter {

    /** Mastodon's default status limit. */
    public static final int MASTODON_LIMIT = 500;

    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final int MAX_DIGITS = 4;

    private final int limit;
    private final ToIntFunction<String> length;

    private PostSplitter(int limit, ToIntFunction<String> length) {
        if (limit < 7) { // the shortest suffix " (1/2)" and one character
            throw new InvalidInputException("post limit must be at least 7 characters, was " + limit);
        }
        this.limit = limit;
        this.length = length;
    }

    /** Mastodon with the default 500-character limit. */
    public static PostSplitter mastodon() {
        return mastodon(MASTODON_LIMIT);
    }

    /** Mastodon with an instance's own limit ({@code configuration.statuses.max_characters}). */
    public static PostSplitter mastodon(int maxCharacters) {
        return new PostSplitter(maxCharacters, MastodonLength::count);
    }

    /** Any limit, counted by the given length function (e.g. {@link MastodonLength#graphemes}). */
    public static PostSplitter of(int limit, ToIntFunction<String> length) {
        return new PostSplitter(limit, length);
    }

    /** The character limit of one post. */
    public int limit() {
        return limit;
    }

    /** The length of a text as this splitter counts it. */
    public int length(String text) {
        return length.applyAsInt(text);
    }

    /**
     * The posts of the thread, in order.
     *
     * @throws InvalidInputException when the text is blank or would need more than 9999 posts
     */
    public List<String> split(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("cannot split a blank text into posts");
        }
        String t = text.strip();
        if (length(t) <= limit) {
            return List.of(t);
        }
        for (int digits = 1; digits <= MAX_DIGITS; digits++) {
            int room = limit - (2 * digits + 4); // " (" + i + "/" + n + ")" with i, n of at most `digits` digits
            List<String> chunks = pack(t, room);
            if (String.valueOf(chunks.size()).length() <= digits) {
                List<String> posts = new ArrayList<>(chunks.size());
                for (int i = 0; i < chunks.size(); i++) {
                    posts.add(chunks.get(i) + " (" + (i + 1) + "/" + chunks.size() + ")");
                }
                return List.copyOf(posts);
            }
        }
        throw new InvalidInputException("text of " + t.length() + " characters would need more than 9999 posts of "
                + limit + " characters; shorten it");
    }

    private List<String> pack(String text, int room) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Matcher m = WORD.matcher(text);
        int previousEnd = 0;
        while (m.find()) {
            String separator = text.substring(previousEnd, m.start());
            String word = m.group();
            previousEnd = m.end();
            if (current.length() > 0 && length(current + separator + word) <= room) {
                current.append(separator).append(word);
                continue;
            }
            if (length(word) > room) {
                // only a word that alone exceeds the room is cut; it starts in the current post
                List<String> pieces = cut(current.length() > 0 ? current + separator : "", word, room);
                chunks.addAll(pieces.subList(0, pieces.size() - 1));
                current.setLength(0);
                current.append(pieces.get(pieces.size() - 1));
                continue;
            }
            if (current.length() > 0) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            current.append(word);
        }
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Cuts an over-long word at grapheme boundaries into pieces that each fit, the first one after {@code start}. */
    private List<String> cut(String start, String word, int room) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder(start);
        Matcher g = GRAPHEME.matcher(word);
        while (g.find()) {
            if (!piece.toString().isBlank() && length(piece + g.group()) > room) {
                pieces.add(piece.toString().strip());
                piece.setLength(0);
            }
            piece.append(g.group());
        }
        pieces.add(piece.toString().strip());
        return pieces;
    }
}
