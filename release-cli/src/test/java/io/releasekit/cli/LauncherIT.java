package io.releasekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged tool as users run it: {@code target/releasekit} (launcher, jar, class-data archive, completion). */
class LauncherIT {

    static final Path TARGET = Path.of(System.getProperty("releasekit.cli.target", "target"));

    @TempDir
    Path dir;

    @TempDir
    Path io;

    record Ran(int code, String out, String err) {}

    @Test
    void theBuildShipsTheLauncherItsJarItsArchiveAndCompletion() throws IOException {
        assertThat(TARGET.resolve("releasekit")).isExecutable();
        assertThat(TARGET.resolve("releasekit.jar")).isRegularFile();
        assertThat(Files.size(TARGET.resolve("releasekit.jsa"))).isPositive();
        assertThat(Files.readString(TARGET.resolve("releasekit_completion")))
                .contains("complete -F _complete_releasekit", "runs", "verify");
    }

    @Test
    void printsHelpAndRefusesABadFlagWithExit2() throws Exception {
        Ran help = run("--help");
        Ran bad = run("runs", "start", "x", "--no-such-flag");

        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: releasekit").contains("Exit codes:");
        assertThat(help.err()).as("the archive maps silently").isEmpty();
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("Unknown option: '--no-such-flag'\nUsage: releasekit runs start");
    }

    @Test
    void verifiesADirectoryWithoutAServiceAndFailsOnAMismatch() throws Exception {
        oneFileRelease();

        Ran ok = run("verify", dir.toString());
        Files.writeString(dir.resolve("a.bin"), "changed");
        Ran bad = run("--json", "verify", dir.toString());

        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).isEqualTo("a.bin: OK\nSHA256SUMS: 1 OK; 0 signature(s) valid\n");
        assertThat(bad.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(bad.out()).contains("\"passed\":false", "DIGEST_MISMATCH");
    }

    @Test
    void verifyMapsEveryClassOfTheToolFromTheArchive() throws Exception {
        oneFileRelease();
        Path log = io.resolve("classes.log");

        Ran ok = run(
                Map.of("RELEASEKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
                "verify",
                "--quiet",
                dir.toString());

        assertThat(ok.code()).as(ok.toString()).isZero();
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the log").anyMatch(l -> l.contains("io.releasekit.cli.VerifyCommand "));
        assertThat(loaded)
                .as("classes the JVM had to read from releasekit.jar, not map from releasekit.jsa (picocli included)")
                .noneMatch(l -> l.contains("releasekit.jar"));
    }

    /** {@code a.bin} and a SHA256SUMS listing it in {@link #dir}. */
    @Test
    void findsItsJarThroughASymbolicLinkAndFromARelativePath() throws Exception {
        oneFileRelease();
        Path bin = Files.createDirectories(io.resolve("bin"));
        Path link = Files.createSymbolicLink(
                bin.resolve("releasekit"), TARGET.resolve("releasekit").toAbsolutePath());

        Ran linked = runCommand(link.toString(), null, "verify", dir.toString());
        Ran relative = runCommand("./releasekit", TARGET.toAbsolutePath().toFile(), "verify", dir.toString());

        assertThat(linked.code()).as(linked.toString()).isZero();
        assertThat(linked.err()).as("the archive beside the jar maps silently").isEmpty();
        assertThat(relative.code()).as(relative.toString()).isZero();
        assertThat(relative.out()).isEqualTo(linked.out()).contains("a.bin: OK");
    }

    private void oneFileRelease() throws Exception {
        byte[] data = "release contents".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.bin"), data);
        Files.writeString(
                dir.resolve("SHA256SUMS"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)) + "  a.bin\n");
    }

    private Ran run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Ran run(Map<String, String> env, String... args) throws Exception {
        return runCommand(TARGET.resolve("releasekit").toAbsolutePath().toString(), null, env, args);
    }

    private Ran runCommand(String launcher, java.io.File workDir, String... args) throws Exception {
        return runCommand(launcher, workDir, Map.of(), args);
    }

    private Ran runCommand(String launcher, java.io.File workDir, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir)
                .redirectOutput(io.resolve("out.txt").toFile())
                .redirectError(io.resolve("err.txt").toFile());
        pb.environment().remove("RELEASEKIT_URL");
        pb.environment().remove("RELEASEKIT_TOKEN");
        pb.environment().put("RELEASEKIT_CONFIG", io.resolve("no-config").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(io.resolve("out.txt")), Files.readString(io.resolve("err.txt")));
    }
}
