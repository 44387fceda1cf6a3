package io.releasekit.core.artifact.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The GNU coreutils checksum file format, as {@code sha256sum} writes it and {@code sha256sum -c --strict} reads it.
 *
 * <ul>
 *   <li>Untagged line: digest, a space, {@code ' '} (text) or {@code '*'} (binary), the name.
 *   <li>Tagged (BSD) line: {@code SHA256 (name) = digest}.
 *   <li>A name containing a backslash, newline or carriage return is escaped ({@code \\}, {@code \n}, {@code \r}) and
 *       its line starts with a backslash; no other escape is valid.
 *   <li>Lines end with LF; a CR before it is dropped; lines starting with {@code #} are comments.
 * </ul>
 *
 * Unlike {@code sha256sum -c} without {@code --strict}, an improperly formatted line is an error here, naming the line.
 */
public final class SumsFormat {

    private SumsFormat() {}

    /** Parses a checksum file; the algorithm follows from the digest length, which must agree on every line. */
    public static ArtifactManifest parse(byte[] content) {
        String text = decodeUtf8(content);
        String[] lines = text.split("\n", -1);
        DigestAlgorithm algorithm = null;
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break; // the file's final newline
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            Parsed p = parseLine(line, i + 1);
            DigestAlgorithm a = DigestAlgorithm.ofHexLength(p.digest.length())
                    .orElseThrow(() -> bad(
                            p.line(),
                            "has a " + p.digest().length() + "-digit digest; expected 64 (SHA-256) or 128 (SHA-512)"));
            if (p.tag != null && !p.tag.equals(a.tag())) {
                throw bad(i + 1, "tag " + p.tag + " does not match a " + p.digest.length() + "-digit digest");
            }
            if (algorithm != null && a != algorithm) {
                throw bad(i + 1, "mixes " + a + " with the " + algorithm + " digests of earlier lines");
            }
            algorithm = a;
            entries.add(new ManifestEntry(p.name, p.digest, OptionalLong.empty(), p.binary));
        }
        if (algorithm == null) {
            throw new InvalidInputException("manifest lists no file");
        }
        return ArtifactManifest.of(algorithm, entries);
    }

    /** Writes the manifest in untagged form, escaping names as coreutils does. */
    public static String write(ArtifactManifest manifest) {
        StringBuilder b = new StringBuilder();
        for (ManifestEntry e : manifest.entries()) {
            String name = e.name();
            boolean escape = name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0;
            if (escape) {
                b.append('\\');
                name = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
            }
            b.append(e.digest())
                    .append(' ')
                    .append(e.binary() ? '*' : ' ')
                    .append(name)
                    .append('\n');
        }
        return b.toString();
    }

    private record Parsed(String tag, String digest, String name, boolean binary, int line) {}

    private static Parsed parseLine(String line, int no) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        boolean escaped = i < line.length() && line.charAt(i) == '\\';
        if (escaped) {
            i++;
        }
        String rest = line.substring(i);
        if (rest.isEmpty()) {
            throw bad(no, "is empty");
        }
        if (isHex(rest.charAt(0))) {
            return untagged(rest, escaped, no);
        }
        return tagged(rest, escaped, no);
    }

    private static Parsed untagged(String rest, boolean escaped, int no) {
        int end = 0;
        while (end < rest.length() && isHex(rest.charAt(end))) {
            end++;
        }
        String digest = rest.substring(0, end);
        if (end + 2 > rest.length() || (rest.charAt(end) != ' ' && rest.charAt(end) != '\t')) {
            throw bad(no, "is not '<digest> <space or *><name>'");
        }
        char mode = rest.charAt(end + 1);
        if (mode != ' ' && mode != '*') {
            throw bad(no, "has no ' ' or '*' mode marker before the name");
        }
        String name = rest.substring(end + 2);
        return new Parsed(null, digest, unescape(name, escaped, no), mode == '*', no);
    }

    private static Parsed tagged(String rest, boolean escaped, int no) {
        int open = rest.indexOf(" (");
        int close = rest.lastIndexOf(") = ");
        if (open <= 0 || close < open + 2) {
            throw bad(no, "is neither '<digest>  <name>' nor 'SHA256 (<name>) = <digest>'");
        }
        String tag = rest.substring(0, open);
        String digest = rest.substring(close + 4);
        if (digest.isEmpty() || !digest.chars().allMatch(c -> isHex((char) c))) {
            throw bad(no, "has a digest that is not hex");
        }
        String name = rest.substring(open + 2, close);
        return new Parsed(tag, digest, unescape(name, escaped, no), true, no);
    }

    private static String unescape(String name, boolean escaped, int no) {
        if (name.isEmpty()) {
            throw bad(no, "has an empty file name");
        }
        if (!escaped) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == name.length()) {
                throw bad(no, "ends its file name with a lone backslash");
            }
            switch (name.charAt(i)) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> throw bad(no, "escapes '" + name.charAt(i) + "'; only \\\\, \\n and \\r are valid");
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static InvalidInputException bad(int line, String what) {
        return new InvalidInputException("manifest line " + line + " " + what);
    }

    private static String decodeUtf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("manifest is not valid UTF-8", e);
        }
    }
}
