package io.releasekit.core.internal;

/** Text helpers shared by core's error messages. Not API. */
public final class Text {

    private Text() {}

    /**
     * A user-supplied value as it may appear in an error message: control characters shown as {@code \\uXXXX}, cut
     * after {@code max} characters with {@code ...}, {@code null} shown as {@code null}.
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > n ? b + "..." : b.toString();
    }
}
