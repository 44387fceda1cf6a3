package io.releasekit.docs;

import io.releasekit.docs.DocPage.ShellBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bash script for a page: its runnable shell blocks in page order, run by one {@code bash -Eeuo pipefail}, so
 * variables and functions carry from block to block. Before each block and after each shown output ({@code #> }
 * lines) the script prints a marker; the output between two markers is what the commands above the shown lines
 * printed. An ERR trap names the script line of a failing command, which the harness maps back to the page.
 */
final class PageScript {

    static final char MARK = '\u001e';
    private static final Pattern MARKER = Pattern.compile("\\n?\u001e(seg \\d+)\u001e\\n");
    private static final Pattern FAIL = Pattern.compile("\u001eFAIL (\\d+) (\\d+) ([\\d ]*)\u001e");
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<(?!<)-?\\s*['\"]?([A-Za-z_]+)['\"]?");
    private static final Pattern BASH_LINE = Pattern.compile("line (\\d+):");

    /**
     * Commands whose output the page shows.
     *
     * @param id the marker printed before them
     * @param block the block
     * @param commandLine page line of the segment's first line
     * @param shownLine page line of the first {@code #> } line
     * @param commands the segment's lines
     * @param shown the shown output
     */
    record Segment(
            String id, ShellBlock block, int commandLine, int shownLine, List<String> commands, List<String> shown) {}

    private final DocPage page;
    private final String text;
    private final Map<Integer, int[]> lineMap = new HashMap<>(); // script line -> {block index, page line}
    private final List<Segment> segments = new ArrayList<>();
    private final int commands;

    private PageScript(DocPage page, String preamble, Map<String, String> substitutions) {
        this.page = page;
        StringBuilder s = new StringBuilder();
        List<String> head = new ArrayList<>(
                List.of(
                        "set -Eeuo pipefail",
                        "__rk_seg() { printf '\\n\\036%s\\036\\n' \"$1\"; }",
                        "trap '__rk_rc=$?; printf \"\\036FAIL %s %s %s\\036\\n\" \"$__rk_rc\" \"$LINENO\" \"${BASH_LINENO[*]}\" >&2' ERR"));
        head.addAll(preamble.lines().toList());
        head.forEach(l -> s.append(l).append('\n'));
        int line = head.size();
        int count = 0;
        int seg = 0;
        for (ShellBlock b : page.blocks()) {
            if (b.notRun().isPresent()) {
                continue;
            }
            List<String> pending = new ArrayList<>();
            int pendingStart = b.firstLine();
            List<String> shown = new ArrayList<>();
            int shownLine = -1;
            s.append("__rk_seg 'seg ").append(seg).append("'\n");
            line++;
            String segId = "seg " + seg++;
            boolean continued = false;
            String heredoc = null; // the terminator while inside a here-document (its lines are data, not commands)
            for (int i = 0; i < b.lines().size(); i++) {
                String raw = substitute(b.lines().get(i), substitutions);
                int pageLine = b.firstLine() + i;
                if (Expected.isShown(raw)) {
                    if (shown.isEmpty()) {
                        shownLine = pageLine;
                    }
                    shown.add(Expected.shownText(raw));
                } else if (!shown.isEmpty()) {
                    segments.add(new Segment(segId, b, pendingStart, shownLine, pending, shown));
                    s.append("__rk_seg 'seg ").append(seg).append("'\n");
                    line++;
                    segId = "seg " + seg++;
                    pending = new ArrayList<>();
                    pendingStart = pageLine;
                    shown = new ArrayList<>();
                }
                if (!Expected.isShown(raw)) {
                    pending.add(raw);
                    String code = raw.strip();
                    if (heredoc != null) {
                        heredoc = code.equals(heredoc) ? null : heredoc;
                    } else {
                        if (!continued && !code.isEmpty() && !code.startsWith("#")) {
                            count++;
                        }
                        continued = code.endsWith("\\");
                        Matcher here = HEREDOC.matcher(code);
                        heredoc = here.find() ? here.group(1) : null;
                    }
                }
                s.append(raw).append('\n');
                line++;
                lineMap.put(line, new int[] {b.index(), pageLine});
            }
            if (!shown.isEmpty()) {
                segments.add(new Segment(segId, b, pendingStart, shownLine, pending, shown));
            }
        }
        s.append("__rk_seg 'seg ").append(seg).append("'\n");
        this.text = s.toString();
        this.commands = count;
    }

    /** The script of a page's runnable blocks, after the preamble (exports). */
    static PageScript of(DocPage page, String preamble, Map<String, String> substitutions) {
        return new PageScript(page, preamble, substitutions);
    }

    private static String substitute(String line, Map<String, String> substitutions) {
        String s = line;
        for (Map.Entry<String, String> e : substitutions.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    String text() {
        return text;
    }

    /** Commands the page runs: non-blank, non-comment lines that do not continue the line before. */
    int commands() {
        return commands;
    }

    /** Shown outputs the page compares. */
    int shownOutputs() {
        return segments.size();
    }

    /**
     * What went wrong, one message each, naming the page, block and line: a shown output that differs, and a command
     * that failed.
     */
    List<String> problems(int exit, String stdout, String stderr) {
        Map<String, String> outputs = new HashMap<>();
        Matcher m = MARKER.matcher(stdout);
        String current = null;
        int from = 0;
        while (m.find()) {
            if (current != null) {
                outputs.put(current, stdout.substring(from, m.start()));
            }
            current = m.group(1);
            from = m.end();
        }
        String unfinished = current;
        String unfinishedOutput = current == null ? "" : stdout.substring(from);
        List<String> problems = new ArrayList<>();
        for (Segment seg : segments) {
            String out = outputs.get(seg.id());
            if (out == null) {
                break; // the script stopped before this segment ended: reported as the failure below
            }
            if (!Expected.matches(seg.shown(), out)) {
                problems.add(page.name() + " block " + seg.block().index() + ", line " + seg.shownLine()
                        + ": the output differs from the one the page shows\n  command (line " + seg.commandLine()
                        + "):\n" + indent(String.join("\n", seg.commands()).strip()) + "\n  the page shows:\n"
                        + indent(String.join("\n", seg.shown())) + "\n  the command printed (last lines):\n"
                        + indent(tail(out, 25)) + "\n  compared masked: " + Expected.pattern(seg.shown()));
            }
        }
        if (exit != 0) {
            problems.add(failure(exit, stderr, unfinishedOutput, unfinished));
        }
        return problems;
    }

    private String failure(int exit, String stderr, String output, String segment) {
        Optional<int[]> where = failingLine(stderr);
        String at = where.map(w -> "block " + w[0] + ", line " + w[1] + ": `"
                        + page.blocks()
                                .get(w[0] - 1)
                                .lines()
                                .get(w[1] - page.blocks().get(w[0] - 1).firstLine())
                                .strip()
                        + "`")
                .orElse("(line not known; in " + segment + ")");
        return page.name() + " " + at + " failed (exit " + exit + ")\n  stderr (last lines):\n"
                + indent(tail(stderr.replace(MARK, '|'), 20)) + "\n  stdout since the last marker (last lines):\n"
                + indent(tail(output, 20));
    }

    private Optional<int[]> failingLine(String stderr) {
        Matcher f = FAIL.matcher(stderr);
        while (f.find()) {
            // in a function: the line that called it at the top level (the last caller before "0"), else LINENO
            int line = Integer.parseInt(f.group(2));
            for (String caller : f.group(3).strip().split(" ")) {
                if (!caller.isEmpty() && !caller.equals("0")) {
                    line = Integer.parseInt(caller);
                }
            }
            int[] w = lineMap.get(line);
            if (w != null) {
                return Optional.of(w);
            }
        }
        Matcher b = BASH_LINE.matcher(stderr);
        while (b.find()) {
            int[] w = lineMap.get(Integer.parseInt(b.group(1)));
            if (w != null) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    static String tail(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
    }
}
