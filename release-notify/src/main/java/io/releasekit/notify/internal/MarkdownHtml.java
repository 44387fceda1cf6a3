package io.releasekit.notify.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the Markdown subset of notifications as HTML for chat clients (Matrix {@code formatted_body}). Everything
 * that is not markup of the subset is HTML-escaped, so raw HTML in a message ({@code <script>}, {@code <a
 * href=javascript:...>}) shows as text and can never become markup.
 *
 * <p>The subset: paragraphs (a line break inside one becomes {@code <br>}), ATX headings ({@code #} to {@code ######}),
 * bullet ({@code -}, {@code *}, {@code +}) and numbered ({@code 1.}) lists, nested by indentation, with indented
 * continuation lines, fenced code blocks, and inline {@code **bold**}/{@code __bold__}, {@code *italic*}, {@code
 * `code`}, {@code ~~strike~~}, {@code [text](url)} links and backslash escapes. A link whose URL is not {@code http},
 * {@code https} or {@code mailto} is shown as the text it was written as, not as a link. Anything else (tables, HTML,
 * images, block quotes) is shown as text. Spans nest at most {@value #MAX_DEPTH} deep and close within {@value
 * #MAX_SPAN} characters; beyond that their markers are text.
 */
public final class MarkdownHtml {

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|(\\d{1,9})[.)])(?:\\s+(.*))?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)\\s*([A-Za-z0-9_+#.-]*)\\s*$");
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    private static final String PUNCTUATION = "\\`*_{}[]()#+-.!~<>&\"'|";
    /** Spans nest at most this deep; deeper markers are text, so no message can exhaust the stack. */
    private static final int MAX_DEPTH = 8;
    /**
     * A span's closing marker and a link's text and URL are looked for within this many characters, so that a run of
     * unclosed {@code [} or {@code *} stays linear.
     */
    private static final int MAX_SPAN = 2048;

    private MarkdownHtml() {}

    /**
     * The HTML form of a Markdown text.
     *
     * @param markdown the Markdown; lines may end with {@code \n} or {@code \r\n}
     * @return the HTML: a lone paragraph is returned without {@code <p>}, as chat clients send it
     */
    public static String render(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<String> blocks = new ArrayList<>();
        boolean loneParagraph = true;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            Matcher heading = HEADING.matcher(line);
            if (line.isBlank()) {
                i++;
                continue;
            } else if (fence.matches()) {
                i = codeBlock(lines, i, fence, blocks);
            } else if (heading.matches()) {
                int level = heading.group(1).length();
                String text = heading.group(2) == null ? "" : heading.group(2);
                blocks.add("<h" + level + ">" + inline(text) + "</h" + level + ">");
                i++;
            } else if (ITEM.matcher(line).matches() && !isRule(line)) {
                i = list(lines, i, blocks);
            } else {
                List<String> paragraph = new ArrayList<>();
                while (i < lines.size() && startsParagraphLine(lines.get(i), paragraph.isEmpty())) {
                    paragraph.add(inline(lines.get(i).strip()));
                    i++;
                }
                blocks.add("<p>" + String.join("<br>", paragraph) + "</p>");
                continue;
            }
            loneParagraph = false;
        }
        if (blocks.size() == 1 && loneParagraph) {
            String p = blocks.get(0);
            return p.substring(3, p.length() - 4);
        }
        return String.join("", blocks);
    }

    private static boolean startsParagraphLine(String line, boolean first) {
        if (line.isBlank()
                || FENCE.matcher(line).matches()
                || HEADING.matcher(line).matches()) {
            return false;
        }
        return first || !ITEM.matcher(line).matches() || isRule(line);
    }

    /** A thematic break such as {@code ---} or {@code ***}, shown as text rather than as a list item. */
    private static boolean isRule(String line) {
        return line.strip().matches("([-*_])(\\s*\\1){2,}");
    }

    private static int codeBlock(List<String> lines, int start, Matcher fence, List<String> blocks) {
        String marker = fence.group(1);
        String language = fence.group(2);
        StringBuilder code = new StringBuilder();
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).strip().startsWith(marker)) {
            code.append(escape(lines.get(i))).append('\n');
            i++;
        }
        String open = language.isEmpty() ? "<code>" : "<code class=\"language-" + escape(language) + "\">";
        blocks.add("<pre>" + open + code + "</code></pre>");
        return Math.min(i + 1, lines.size());
    }

    /** One list: consecutive items and indented continuation lines; deeper items open nested lists. */
    private static int list(List<String> lines, int start, List<String> blocks) {
        record Level(int indent, String tag) {}
        Deque<Level> levels = new ArrayDeque<>();
        StringBuilder html = new StringBuilder();
        int i = start;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher item = ITEM.matcher(line);
            if (item.matches() && !isRule(line)) {
                int indent = item.group(1).length();
                String tag = item.group(3) == null ? "ul" : "ol";
                while (levels.size() > 1 && indent < levels.peek().indent()) {
                    html.append("</li></").append(levels.pop().tag()).append('>');
                }
                if (levels.isEmpty() || indent > levels.peek().indent() + 1) {
                    open(html, tag, item.group(3));
                    levels.push(new Level(indent, tag));
                } else if (!levels.peek().tag().equals(tag)) {
                    Level previous = levels.pop();
                    html.append("</li></").append(previous.tag()).append('>');
                    open(html, tag, item.group(3));
                    levels.push(new Level(previous.indent(), tag));
                } else {
                    html.append("</li>");
                }
                html.append("<li>")
                        .append(inline(
                                item.group(4) == null ? "" : item.group(4).strip()));
            } else if (!line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                html.append("<br>").append(inline(line.strip()));
            } else {
                break;
            }
        }
        while (!levels.isEmpty()) {
            html.append("</li></").append(levels.pop().tag()).append('>');
        }
        blocks.add(html.toString());
        return i;
    }

    private static void open(StringBuilder html, String tag, String number) {
        html.append('<').append(tag);
        if (number != null && Long.parseLong(number) != 1) {
            html.append(" start=\"").append(Long.parseLong(number)).append('"');
        }
        html.append('>');
    }

    /** Inline markup of one line; everything else escaped. */
    static String inline(String s) {
        return inline(s, 0);
    }

    private static String inline(String s, int depth) {
        if (depth > MAX_DEPTH) {
            return escape(s);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int next;
            if (c == '\\' && i + 1 < s.length() && PUNCTUATION.indexOf(s.charAt(i + 1)) >= 0) {
                out.append(escape(String.valueOf(s.charAt(i + 1))));
                i += 2;
            } else if (c == '`' && (next = code(s, i, out)) > i) {
                i = next;
            } else if (s.startsWith("**", i) || s.startsWith("__", i) || s.startsWith("~~", i)) {
                String marker = s.substring(i, i + 2);
                next = span(s, i, marker, marker.equals("~~") ? "del" : "strong", depth, out);
                if (next > i) {
                    i = next;
                } else {
                    out.append(marker);
                    i += 2;
                }
            } else if (c == '*' && (next = span(s, i, "*", "em", depth, out)) > i) {
                i = next;
            } else if (c == '[' && (next = link(s, i, depth, out)) > i) {
                i = next;
            } else {
                out.append(escape(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    /** {@code `code`}, any number of backticks; returns the index after it, or {@code at} when it is not closed. */
    private static int code(String s, int at, StringBuilder out) {
        int ticks = at;
        while (ticks < s.length() && s.charAt(ticks) == '`') {
            ticks++;
        }
        String marker = s.substring(at, ticks);
        int close = s.indexOf(marker, ticks);
        if (close < 0) {
            out.append(escape(marker));
            return ticks;
        }
        String content = s.substring(ticks, close);
        if (content.length() > 1 && content.startsWith(" ") && content.endsWith(" ")) {
            content = content.substring(1, content.length() - 1);
        }
        out.append("<code>").append(escape(content)).append("</code>");
        return close + marker.length();
    }

    /** A delimited span ({@code **x**}, {@code *x*}, {@code ~~x~~}) with non-blank content not starting at a space. */
    private static int span(String s, int at, String marker, String tag, int depth, StringBuilder out) {
        int from = at + marker.length();
        if (from >= s.length() || Character.isWhitespace(s.charAt(from))) {
            return at;
        }
        int close = closing(s, from, marker);
        if (close <= from || Character.isWhitespace(s.charAt(close - 1))) {
            return at;
        }
        out.append('<')
                .append(tag)
                .append('>')
                .append(inline(s.substring(from, close), depth + 1))
                .append("</")
                .append(tag)
                .append('>');
        return close + marker.length();
    }

    /** Where a span's closing marker is, skipping backslash-escaped characters; -1 if nowhere. */
    private static int closing(String s, int from, String marker) {
        int end = Math.min(s.length(), from + MAX_SPAN);
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(marker, i)) {
                if (marker.equals("*") && s.startsWith("**", i)) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    /** {@code [text](url)}: a link when the URL is safe, else the source as text. */
    private static int link(String s, int at, int depth, StringBuilder out) {
        int close = matching(s, at, '[', ']');
        if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != '(') {
            return at;
        }
        int end = matching(s, close + 1, '(', ')');
        if (end < 0) {
            return at;
        }
        String text = s.substring(at + 1, close);
        String url = s.substring(close + 2, end).strip();
        if (!safeUrl(url)) {
            out.append(escape(s.substring(at, end + 1)));
        } else {
            out.append("<a href=\"")
                    .append(escape(url))
                    .append("\">")
                    .append(inline(text, depth + 1))
                    .append("</a>");
        }
        return end + 1;
    }

    private static int matching(String s, int at, char open, char close) {
        int depth = 0;
        int end = Math.min(s.length(), at + MAX_SPAN);
        for (int i = at; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** An absolute http, https or mailto URL without spaces or control characters. */
    static boolean safeUrl(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        int colon = url.indexOf(':');
        return colon > 0 && SAFE_SCHEMES.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** HTML-escapes text for element content and double-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
