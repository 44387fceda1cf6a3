package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every {@code FROM} of a Dockerfile pins its base image by digest or by a SemVer tag (seed 003: "prevent
 * a Dockerfile from referencing parent containers that are a moving target, such as latest or master"). {@code ARG}
 * defaults declared before the first {@code FROM} are substituted ({@code $V}, {@code ${V}}, {@code ${V:-default}}),
 * build arguments given to the check override them, a reference to an earlier build stage and {@code scratch} are
 * allowed. Line continuations and comments are understood.
 *
 * <pre>{@code
 * DockerfileReport r = DockerfileCheck.defaults().check("Dockerfile", text);
 * r.findings().forEach(f -> System.out.println(f)); // Dockerfile:3: debian:latest: tag 'latest' moves
 * }</pre>
 */
public final class DockerfileCheck {

    private static final Pattern FROM = Pattern.compile("(?i)FROM\\s+((?:--\\S+\\s+)*)(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*");
    private static final Pattern ARG = Pattern.compile("(?i)ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S*))?\\s*");
    private static final Pattern VAR =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Set<String> moving;
    private final Map<String, String> buildArgs;

    private DockerfileCheck(Set<String> moving, Map<String, String> buildArgs) {
        this.moving = Set.copyOf(moving);
        this.buildArgs = Map.copyOf(buildArgs);
    }

    /** The check with {@link ImagePin#DEFAULT_MOVING} and no build arguments. */
    public static DockerfileCheck defaults() {
        return new DockerfileCheck(Set.of(), Map.of());
    }

    /** A copy that also refuses these tags (e.g. {@code nightly}, {@code develop}). */
    public DockerfileCheck refusing(Set<String> tags) {
        Set<String> m = new HashSet<>(moving);
        m.addAll(tags);
        return new DockerfileCheck(m, buildArgs);
    }

    /** A copy with build arguments, as {@code docker build --build-arg} gives them; they override ARG defaults. */
    public DockerfileCheck withBuildArgs(Map<String, String> args) {
        return new DockerfileCheck(moving, args);
    }

    /**
     * Checks a Dockerfile.
     *
     * @param file its name, for findings
     * @param text its content
     * @throws InvalidInputException when the text has no {@code FROM}
     */
    public DockerfileReport check(String file, String text) {
        Map<String, String> args = new HashMap<>();
        Set<String> stages = new HashSet<>();
        List<DockerfileReport.From> froms = new ArrayList<>();
        List<DockerfileReport.Finding> findings = new ArrayList<>();
        for (Instruction in : instructions(text)) {
            Matcher a = ARG.matcher(in.text);
            if (froms.isEmpty() && a.matches()) {
                String name = a.group(1);
                args.put(name, buildArgs.getOrDefault(name, a.group(2) == null ? null : unquote(a.group(2))));
                continue;
            }
            Matcher f = FROM.matcher(in.text);
            if (!f.matches()) {
                continue;
            }
            String written = f.group(2);
            Optional<String> stage = Optional.ofNullable(f.group(3)).map(s -> s.toLowerCase(Locale.ROOT));
            List<String> unresolved = new ArrayList<>();
            String image = substitute(written, args, unresolved);
            Optional<ImagePin> pin = Optional.empty();
            if (!unresolved.isEmpty()) {
                findings.add(new DockerfileReport.Finding(
                        file,
                        in.line,
                        image,
                        "ARG " + String.join(", ", unresolved) + " has no default and no build argument, so the base "
                                + "image cannot be checked"));
            } else if (!image.equalsIgnoreCase("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                Optional<ImageReference> ref = ImageReference.tryParse(image);
                if (ref.isEmpty()) {
                    findings.add(new DockerfileReport.Finding(file, in.line, image, "not an image reference"));
                } else {
                    ImagePin p = ImagePin.of(ref.get(), moving);
                    pin = Optional.of(p);
                    if (!p.accepted()) {
                        findings.add(
                                new DockerfileReport.Finding(file, in.line, image, ImagePin.refusal(ref.get(), p)));
                    }
                }
            }
            stage.ifPresent(stages::add);
            froms.add(new DockerfileReport.From(in.line, written, image, stage, pin));
        }
        if (froms.isEmpty()) {
            throw new InvalidInputException("'" + file + "' has no FROM instruction; is it a Dockerfile?");
        }
        return new DockerfileReport(file, froms, findings);
    }

    private static String substitute(String s, Map<String, String> args, List<String> unresolved) {
        Matcher m = VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = args.get(name);
            String replacement;
            if ("-".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else if ("+".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? "" : m.group(3);
            } else if (value == null) {
                unresolved.add(name);
                replacement = m.group();
            } else {
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private record Instruction(int line, String text) {}

    /** Joins continued lines, drops comments and blank lines; each instruction keeps its first line's number. */
    private static List<Instruction> instructions(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue; // comments, also between continued lines
            }
            if (current == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            out.add(new Instruction(start, current.toString().strip()));
            current = null;
        }
        if (current != null) {
            out.add(new Instruction(start, current.toString().strip()));
        }
        return out;
    }
}
