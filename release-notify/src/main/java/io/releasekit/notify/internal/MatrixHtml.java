package io.releasekit.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to the HTML of a Matrix message ({@code formatted_body}), with commonmark-java: raw HTML in the message is
 * escaped, never passed through; a link is a link only to an absolute {@code http}, {@code https} or {@code mailto}
 * URL (any other link, and every image, is shown as its text, so no URL is sanitised to something else); a single paragraph is not wrapped in {@code <p>}, and a
 * line break inside a paragraph stays a line break ({@code <br>}).
 */
public final class MatrixHtml {

    private static final List<Extension> EXTENSIONS = List.of(StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .softbreak("<br>")
            .build();

    private MatrixHtml() {}

    /** The HTML of a Markdown text. */
    public static String render(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        document.accept(new Unlinker());
        String html = compact(RENDERER.render(document).strip());
        Node first = document.getFirstChild();
        if (first instanceof Paragraph && first.getNext() == null && html.startsWith("<p>") && html.endsWith("</p>")) {
            return html.substring("<p>".length(), html.length() - "</p>".length());
        }
        return html;
    }

    /**
     * Drops the line breaks commonmark writes between blocks (outside {@code <pre>} blocks, whose text is kept; inside a
     * paragraph a line break is already {@code <br>}).
     */
    private static String compact(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int from = 0;
        while (true) {
            int pre = html.indexOf("<pre>", from);
            out.append(html.substring(from, pre < 0 ? html.length() : pre).replace("\n", ""));
            if (pre < 0) {
                return out.toString();
            }
            int close = html.indexOf("</pre>", pre);
            int stop = close < 0 ? html.length() : close + "</pre>".length();
            out.append(html, pre, stop);
            from = stop;
        }
    }

    /** Whether a link may point there: an absolute http(s) URL with a host, or a mailto address. */
    static boolean allowed(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = url.substring(colon + 1);
        return switch (scheme) {
            case "http", "https" -> rest.startsWith("//") && rest.length() > 2 && rest.charAt(2) != '/';
            case "mailto" -> rest.indexOf('@') > 0;
            default -> false;
        };
    }

    /** Replaces every image, and every link to a refused URL, by its text as the message wrote it. */
    private static final class Unlinker extends AbstractVisitor {
        @Override
        public void visit(Link link) {
            visitChildren(link);
            if (allowed(link.getDestination())) {
                return;
            }
            List<Node> parts = new ArrayList<>();
            parts.add(new Text("["));
            parts.addAll(children(link));
            parts.add(new Text("](" + link.getDestination() + ")"));
            replace(link, parts);
        }

        @Override
        public void visit(Image image) {
            visitChildren(image);
            replace(image, children(image));
        }

        private static List<Node> children(Node parent) {
            List<Node> out = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                out.add(child);
            }
            return out;
        }

        private static void replace(Node node, List<Node> parts) {
            for (Node part : parts) {
                part.unlink();
                node.insertBefore(part);
            }
            node.unlink();
        }
    }
}
