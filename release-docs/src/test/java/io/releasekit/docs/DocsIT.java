package io.releasekit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell block of README.md, docs/quickstart.md, docs/outage-runbook.md and each page under docs/recipes/, run
 * against the packaged jar: one {@code bash -Eeuo pipefail} session per page, in a directory of its own whose
 * {@code data/} is the service's data directory; {@code :8080} in a page becomes the free port the service listens
 * on. A failing command, or output that differs from the {@code #> } lines the page shows, fails the page with its
 * block and line. Blocks a page marks {@code not run} are counted and listed in the summary
 * ({@code target/docs-run/summary.txt}).
 */
class DocsIT {

    static final Path ROOT = Path.of(System.getProperty("releasekit.docs.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path WORK = Path.of(System.getProperty("releasekit.docs.work", "target/docs-run"))
            .toAbsolutePath()
            .normalize();
    static final Path RESOURCES = Path.of("src/test/resources/fixtures").toAbsolutePath();
    static final Path JAR = ROOT.resolve("release-api/target/releasekit.jar");
    private static final Map<String, String> SUMMARY = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** The pages CI runs ({@code -Dreleasekit.docs.pages=aether} runs those whose path contains it). */
    static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md", "docs/quickstart.md", "docs/outage-runbook.md"));
        try (Stream<Path> recipes = Files.list(ROOT.resolve("docs/recipes"))) {
            recipes.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> ROOT.relativize(p).toString())
                    .sorted()
                    .forEach(pages::add);
        }
        String only = System.getProperty("releasekit.docs.pages", "");
        return only.isBlank()
                ? pages
                : pages.stream().filter(p -> p.contains(only)).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyShellBlockRunsAsWritten() throws Exception {
        assertThat(JAR)
                .as("the packaged jar (release-api is packaged before this module)")
                .isRegularFile();
        return pages().stream().map(name -> DynamicTest.dynamicTest(name, () -> run(DocPage.read(ROOT, name))));
    }

    private void run(DocPage page) throws Exception {
        long started = System.nanoTime();
        Path dir = WORK.resolve(page.name().replace('/', '_').replace(".md", ""));
        clean(dir);
        Files.createDirectories(dir);
        for (String linked : List.of("release-api", "release-cli", "docs")) {
            Files.createSymbolicLink(dir.resolve(linked), ROOT.resolve(linked));
        }
        int port = PackagedService.freePort();
        Declaration d = page.declaration();
        boolean runs = page.blocks().stream().anyMatch(b -> b.notRun().isEmpty());
        try (Fixtures fixtures = Fixtures.make(d, dir.resolve("fixtures"), RESOURCES);
                PackagedService service = d.pageStartsService() || !runs
                        ? null
                        : PackagedService.start(
                                JAR, dir, port, List.of(fixtures.tokensYaml(), fixtures.resolve(d.config())))) {
            StringBuilder preamble = new StringBuilder();
            d.env().forEach(e -> preamble.append("export ")
                    .append(fixtures.resolve(e))
                    .append('\n'));
            PageScript script = PageScript.of(page, preamble.toString(), Map.of(":8080", ":" + port));
            Path file = dir.resolve("page.sh");
            Files.writeString(file, script.text(), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("setsid", "bash", file.toString())
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile());
            pb.environment().putAll(fixtures.variables());
            pb.environment().put("RELEASEKIT_PORT", Integer.toString(port));
            pb.environment().remove("RELEASEKIT_URL");
            pb.environment().remove("RELEASEKIT_TOKEN");
            Process p = pb.start();
            boolean ended = p.waitFor(240, TimeUnit.SECONDS);
            killGroup(p.pid());
            int exit = ended ? p.exitValue() : -1;
            List<String> problems = script.problems(
                    exit,
                    Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                    Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8)
                            + (ended ? "" : "\n(killed after 240 s)"));
            long notRun =
                    page.blocks().stream().filter(b -> b.notRun().isPresent()).count();
            SUMMARY.put(
                    page.name(),
                    String.format(
                            "%-48s %3d commands, %2d shown outputs compared, %2d of %2d blocks run, %2d not run%s (%.1f s)",
                            page.name(),
                            script.commands(),
                            script.shownOutputs(),
                            page.blocks().size() - notRun,
                            page.blocks().size(),
                            notRun,
                            notRunReasons(page),
                            (System.nanoTime() - started) / 1e9));
            if (!problems.isEmpty()) {
                String log = service == null ? "" : "\n--- service log (last lines) ---\n" + service.logTail(30);
                throw new AssertionError(String.join("\n\n", problems) + log + "\n(the script: " + file + ")");
            }
        }
    }

    private static String notRunReasons(DocPage page) {
        StringBuilder b = new StringBuilder();
        page.blocks().stream().filter(x -> x.notRun().isPresent()).forEach(x -> b.append("\n      not run: block ")
                .append(x.index())
                .append(" (line ")
                .append(x.firstLine())
                .append("): ")
                .append(x.notRun().get()));
        return b.toString();
    }

    private static void killGroup(long pgid) throws Exception {
        new ProcessBuilder("kill", "-TERM", "--", "-" + pgid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @AfterAll
    static void summary() throws IOException {
        String text = "docs harness: commands CI runs from each page\n" + String.join("\n", SUMMARY.values()) + "\n";
        System.out.println(text);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("summary.txt"), text, StandardCharsets.UTF_8);
    }
}
