package io.releasekit.core.run.internal;

import io.releasekit.core.run.RunParameters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of what a start request asks for (kind, parameters, dry-run), independent of map order and of how a number
 * was typed ({@code 3}, {@code 3L}, {@code 3.0} are the same), to tell a retried request from a different one.
 */
public final class RequestHash {

    private RequestHash() {}

    /** {@code sha256:<hex>} of the canonical form of the request. */
    public static String of(String kind, RunParameters parameters, boolean dryRun) {
        String canonical = kind + "\n" + canonical(parameters.asMap()) + "\n" + dryRun;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A JSON rendering with sorted keys and normalised numbers. */
    static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v) {
        if (v instanceof Map<?, ?> m) {
            out.append('{');
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, l.get(i));
            }
            out.append(']');
        } else if (v instanceof Number n) {
            out.append(number(n));
        } else if (v instanceof Boolean || v == null) {
            out.append(v);
        } else {
            string(out, v.toString());
        }
    }

    private static String number(Number n) {
        try {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return n.toString(); // NaN, Infinity
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
