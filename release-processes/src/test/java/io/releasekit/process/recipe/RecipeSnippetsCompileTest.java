package io.releasekit.process.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java code the recipe pages show compiles against this module and the adapters: every fenced {@code java} block
 * right after a {@code <!-- compiled -->} line in {@code docs/recipes/*.md} is compiled with javac. Its {@code import}
 * lines stay imports; the rest becomes the body of a method that may throw. A snippet that no longer compiles fails
 * the build, naming the page and the line.
 */
class RecipeSnippetsCompileTest {

    static final String MARK = "<!-- compiled -->";
    static final Path RECIPES = Path.of("..", "docs", "recipes");

    @Test
    void everySeedPageShowsCompiledJava() throws IOException {
        for (String page : List.of(
                "ferrocene-emergency-release.md",
                "cloudformation-registry-promotion.md",
                "weekly-release-train.md",
                "aether-release-branches.md",
                "packit-deployment.md")) {
            assertThat(snippets(RECIPES.resolve(page))).as(page).isNotEmpty();
        }
    }

    @Test
    void theRecipePagesJavaCompiles(@TempDir Path out) throws IOException {
        List<Snippet> all = new ArrayList<>();
        try (Stream<Path> pages = Files.list(RECIPES)) {
            for (Path page :
                    pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                all.addAll(snippets(page));
            }
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(5);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = all.stream().map(Snippet::source).toList();
        boolean ok = javac.getTask(
                        null,
                        null,
                        diagnostics,
                        List.of("-d", out.toString(), "-classpath", classPath(), "-proc:none", "-Xlint:none"),
                        null,
                        sources)
                .call();

        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(RecipeSnippetsCompileTest::describe)
                .toList();
        assertThat(errors).as("compile errors in docs/recipes snippets").isEmpty();
        assertThat(ok).isTrue();
    }

    /** The marked snippets of one page. */
    static List<Snippet> snippets(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(MARK)) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !lines.get(fence).strip().equals("```java")) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": " + MARK + " must be followed by ```java");
            }
            int end = fence + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            out.add(new Snippet(page.getFileName().toString(), fence + 2, lines.subList(fence + 1, end)));
            i = end;
        }
        return out;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String name = d.getSource() == null ? "?" : d.getSource().getName();
        return name + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    /**
     * The test class path, read through surefire's manifest-only jar when there is one, so that javac sees what this
     * test sees.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.endsWith(".jar")) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            entries.add(Path.of(URI.create(u)).toString());
                        }
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** One snippet: imports stay imports, the rest is a method body. */
    record Snippet(String page, int firstLine, List<String> lines) {

        JavaFileObject source() {
            String className = "Snippet_" + page.replaceAll("[^A-Za-z0-9]", "_") + "_" + firstLine;
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : lines) {
                (line.startsWith("import ") ? imports : body).append(line).append('\n');
            }
            // keep line numbers close to the page's: imports first, then the body on the lines that follow
            String code = imports + "class " + className + " {\n void run() throws Exception {\n" + body + "}\n}\n";
            return new SimpleJavaFileObject(
                    URI.create("string:///" + page + "/line-" + firstLine + "/" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            };
        }
    }
}
