package io.releasekit.docs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The output a page shows for a command: the {@code #> } lines right below it. The command's output must end with
 * these lines once both are masked: run ids (UUIDs), instants (ISO-8601) and hashes (7 or more hex digits with a digit
 * and a letter) are replaced by {@code <uuid>}, {@code <time>} and {@code <hash>}. In a shown line, {@code …} stands
 * for any text on that line; a line that is only {@code …} stands for any number of lines.
 */
final class Expected {

    static final String PREFIX = "#>";
    static final String ANY = "…";

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern TIME = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?(\\[[A-Za-z_/]+])?");
    private static final Pattern HASH = Pattern.compile("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,64}\\b");

    private Expected() {}

    /** Masks what changes from run to run. */
    static String mask(String text) {
        String s = UUID.matcher(text).replaceAll("<uuid>");
        s = TIME.matcher(s).replaceAll("<time>");
        return HASH.matcher(s).replaceAll("<hash>");
    }

    /** Whether a {@code #> } line: the shown output, without its prefix. */
    static boolean isShown(String line) {
        String s = line.stripLeading();
        return s.equals(PREFIX) || s.startsWith(PREFIX + " ");
    }

    /** A shown line's text. */
    static String shownText(String line) {
        String s = line.stripLeading();
        return s.length() <= PREFIX.length() ? "" : s.substring(PREFIX.length() + 1);
    }

    /** Whether {@code output} ends with the {@code shown} lines (both masked). */
    static boolean matches(List<String> shown, String output) {
        return pattern(shown).matcher(normalize(output)).find();
    }

    /** The output as compared: masked, without carriage returns, trailing blanks and blank lines at the ends. */
    static String normalize(String output) {
        String s = mask(output.replace("\r", ""));
        StringBuilder b = new StringBuilder();
        for (String l : s.split("\n", -1)) {
            b.append(l.stripTrailing()).append('\n');
        }
        return b.toString().replaceAll("\\A\\n+", "").replaceAll("\\n+\\z", "");
    }

    static Pattern pattern(List<String> shown) {
        StringBuilder p = new StringBuilder("(?:\\A|\\n)");
        for (int i = 0; i < shown.size(); i++) {
            String line = mask(shown.get(i)).stripTrailing();
            boolean last = i == shown.size() - 1;
            if (line.strip().equals(ANY)) {
                p.append(last ? "[\\s\\S]*" : "(?:[^\\n]*\\n)*?");
                continue;
            }
            String[] parts = line.split(ANY, -1);
            for (int k = 0; k < parts.length; k++) {
                if (k > 0) {
                    p.append("[^\\n]*?");
                }
                p.append(Pattern.quote(parts[k]));
            }
            p.append(last ? "\\z" : "\\n");
        }
        return Pattern.compile(p.toString());
    }
}
