package io.releasekit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page as the harness reads it: its {@code bash}, {@code sh} and {@code shell} blocks in page order, the
 * fixtures it declares in a {@code <!-- docs-harness ... -->} comment, and the blocks it marks as not runnable with
 * {@code <!-- docs-harness: not run: <reason> -->} right before the fence.
 *
 * @param name the page's path relative to the checkout, e.g. {@code docs/recipes/aether-release-branches.md}
 * @param declaration what the page needs
 * @param blocks its shell blocks
 */
record DocPage(String name, Declaration declaration, List<ShellBlock> blocks) {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([A-Za-z0-9_+-]*)\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*docs-harness:\\s*not run:\\s*(.+?)\\s*-->");
    private static final List<String> SHELL = List.of("bash", "sh", "shell");

    /**
     * A fenced shell block.
     *
     * @param index 1-based among the page's shell blocks
     * @param firstLine the page line (1-based) of the block's first code line
     * @param lines the code lines, indentation of the fence removed
     * @param notRun the reason the page gives for not running it, if it marks it so
     */
    record ShellBlock(int index, int firstLine, List<String> lines, Optional<String> notRun) {}

    /** Reads a page. */
    static DocPage read(Path root, String name) {
        try {
            return parse(name, Files.readAllLines(root.resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a page's lines. */
    static DocPage parse(String name, List<String> lines) {
        List<ShellBlock> blocks = new ArrayList<>();
        String pendingNotRun = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher notRun = NOT_RUN.matcher(line);
            if (notRun.find()) {
                pendingNotRun = notRun.group(1);
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank()) {
                    pendingNotRun = null; // a mark belongs to the fence right below it
                }
                continue;
            }
            String indent = fence.group(1);
            String marker = fence.group(2);
            String lang = fence.group(3).toLowerCase();
            List<String> code = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().startsWith(marker)) {
                String l = lines.get(j);
                code.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
                j++;
            }
            if (SHELL.contains(lang)) {
                blocks.add(new ShellBlock(blocks.size() + 1, i + 2, code, Optional.ofNullable(pendingNotRun)));
            } else if (pendingNotRun != null) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": a 'not run' mark before a ```" + lang
                        + " block: only shell blocks are run, the mark belongs before one of them");
            }
            pendingNotRun = null;
            i = j;
        }
        return new DocPage(name, Declaration.parse(name, lines), List.copyOf(blocks));
    }
}
