package io.releasekit.git.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code git} command line, to cross-check what releasekit wrote. Runs without the user's or the system's
 * configuration, so results do not depend on the machine.
 */
public final class GitCli {

    private GitCli() {}

    /** The result of one git command. */
    public record Result(int exitCode, String out, String err) {}

    /** Runs {@code git -C dir args...} and answers its standard output, trimmed; fails on a non-zero exit. */
    public static String git(Path dir, String... args) {
        Result r = run(dir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.err());
        }
        return r.out().strip();
    }

    /** Runs {@code git -C dir args...}. */
    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        try {
            Path err = Files.createTempFile("git-err", ".txt");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + args[0] + " did not finish within 60 s");
            }
            String errText = Files.readString(err);
            Files.delete(err);
            return new Result(p.exitValue(), out, errText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code git merge-base --is-ancestor a b}. */
    public static boolean isAncestor(Path dir, String ancestor, String descendant) {
        Result r = run(dir, "merge-base", "--is-ancestor", ancestor, descendant);
        if (r.exitCode() > 1) {
            throw new AssertionError("merge-base failed: " + r.err());
        }
        return r.exitCode() == 0;
    }

    /** {@code git rev-parse --verify rev}. */
    public static String revParse(Path dir, String revision) {
        return git(dir, "rev-parse", "--verify", "--quiet", revision);
    }

    /** {@code git cat-file -p id}. */
    public static String catFile(Path dir, String id) {
        return git(dir, "cat-file", "-p", id);
    }

    /** {@code git show rev:path}. */
    public static String show(Path dir, String revision, String path) {
        return git(dir, "show", revision + ":" + path);
    }

    /** Every ref with its value, plus where HEAD points. */
    public static Map<String, String> refs(Path dir) {
        Map<String, String> refs = new TreeMap<>();
        for (String line :
                git(dir, "for-each-ref", "--format=%(refname) %(objectname)").split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split(" ");
                refs.put(parts[0], parts[1]);
            }
        }
        Result head = run(dir, "symbolic-ref", "-q", "HEAD");
        refs.put("HEAD", head.exitCode() == 0 ? "-> " + head.out().strip() : git(dir, "rev-parse", "HEAD"));
        return refs;
    }

    /** {@code git status --porcelain}, empty when index and working tree match HEAD. */
    public static String status(Path dir) {
        return git(dir, "status", "--porcelain", "--untracked-files=all");
    }

    /** The names of every file in the object database (loose objects and packs). */
    public static Set<String> objectFiles(Path gitDir) {
        Path objects = gitDir.resolve("objects");
        try (Stream<Path> files = Files.walk(objects)) {
            Set<String> names = new TreeSet<>();
            files.filter(Files::isRegularFile)
                    .forEach(f -> names.add(objects.relativize(f).toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
