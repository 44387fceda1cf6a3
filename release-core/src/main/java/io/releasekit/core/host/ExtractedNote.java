package io.releasekit.core.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release note a pull request's description carries, read the way Packit reads it: the text between {@code
 * RELEASE NOTES BEGIN} and {@code RELEASE NOTES END} when the markers are there (also when each marker is wrapped in
 * an HTML comment), otherwise the last paragraph. HTML comments (template hints) are removed first, line endings
 * normalised, trailing whitespace and trailers ({@code Signed-off-by:} ...) dropped. A note that says {@code n/a} or
 * {@code none} declines to have one.
 *
 * @param kind whether a note was found, declined, or absent
 * @param text the note in Markdown; empty unless {@code kind} is {@link Kind#NOTE}
 */
public record ExtractedNote(Kind kind, String text) {

    /** What a description says about its release note. */
    public enum Kind {
        /** It carries a note. */
        NOTE,
        /** Its author wrote {@code n/a} or {@code none}: no note on purpose. */
        DECLINED,
        /** It has nothing usable (empty, or only a template). */
        ABSENT
    }

    private static final Pattern WRAPPED_MARKER =
            Pattern.compile("(?i)<!--\\s*(RELEASE[ _-]NOTES[ _-](?:BEGIN|END))\\s*-->");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BEGIN = Pattern.compile("(?i)RELEASE[ _-]NOTES[ _-]BEGIN");
    private static final Pattern END = Pattern.compile("(?i)RELEASE[ _-]NOTES[ _-]END");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern TRAILER =
            Pattern.compile("(?i)^(signed-off-by|co-authored-by|reviewed-by|acked-by):.*$");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])( *\\1){2,} *$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(\\s.*)?$");
    private static final Pattern TASK_ITEM = Pattern.compile("^\\s*[-*+] \\[[ xX]\\].*$");
    private static final Pattern DECLINE = Pattern.compile("(?i)^[\\s\\p{Punct}]*(n/a|none)[\\s\\p{Punct}]*$");

    public ExtractedNote {
        Objects.requireNonNull(kind, "kind");
        text = text == null ? "" : text;
    }

    /** Reads the note of a pull request description. */
    public static ExtractedNote of(String body) {
        if (body == null || body.isBlank()) {
            return absent();
        }
        String text = body.replace("\r\n", "\n").replace('\r', '\n');
        text = WRAPPED_MARKER.matcher(text).replaceAll("$1");
        text = COMMENT.matcher(text).replaceAll("");
        int unclosed = text.indexOf("<!--");
        if (unclosed >= 0) {
            text = text.substring(0, unclosed);
        }
        Matcher begin = BEGIN.matcher(text);
        String candidate;
        if (begin.find()) {
            Matcher end = END.matcher(text);
            int stop = end.find(begin.end()) ? end.start() : text.length();
            candidate = clean(text.substring(begin.end(), stop));
        } else {
            candidate = lastParagraph(text).orElse("");
        }
        if (candidate.isEmpty()) {
            return absent();
        }
        if (DECLINE.matcher(candidate).matches()) {
            return new ExtractedNote(Kind.DECLINED, "");
        }
        return new ExtractedNote(Kind.NOTE, candidate);
    }

    /** The note text, when there is one. */
    public Optional<String> note() {
        return kind == Kind.NOTE ? Optional.of(text) : Optional.empty();
    }

    private static ExtractedNote absent() {
        return new ExtractedNote(Kind.ABSENT, "");
    }

    private static Optional<String> lastParagraph(String text) {
        List<String> paragraphs = BLANK_LINES
                .splitAsStream(text)
                .map(ExtractedNote::clean)
                .filter(p -> !p.isEmpty())
                .toList();
        if (paragraphs.isEmpty()) {
            return Optional.empty();
        }
        String last = paragraphs.get(paragraphs.size() - 1);
        boolean template = last.lines()
                .allMatch(l -> THEMATIC_BREAK.matcher(l).matches()
                        || HEADING.matcher(l).matches()
                        || TASK_ITEM.matcher(l).matches());
        return template ? Optional.empty() : Optional.of(last);
    }

    /** Drops trailers and trailing whitespace, and blank lines at both ends. */
    private static String clean(String section) {
        List<String> lines = section.lines()
                .map(String::stripTrailing)
                .filter(l -> !TRAILER.matcher(l.strip()).matches())
                .toList();
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return String.join("\n", lines.subList(from, to)).stripIndent();
    }
}
