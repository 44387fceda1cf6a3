package io.releasekit.api.testkit;

import static org.awaitility.Awaitility.await;

import io.releasekit.api.logging.LogConfigurator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The service ({@code io.releasekit.api.Application}, the main class of the packaged jar) in a child JVM, on the test
 * class path, configured by a YAML file of its own: a real process, so that a test can {@code kill -9} it, freeze it
 * ({@code SIGSTOP}) and wake it ({@code SIGCONT}), or stop it with {@code SIGTERM}. Its output goes to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Test tokens of application-test.yml, for the child's configuration (values in {@code TestTokens}). */
    public static final String TOKENS_YAML =
            """
              security:
                tokens:
                  - name: test-admin
                    sha256: a4c9430491cb7219e3f843745641a3667b18d772dba5401e78ebbcd8f9c62bf5
                    roles: [admin]
                  - name: test-rm1
                    sha256: 33151bf3e7cab257f9c6c718a7b88a88db0da29919e3704070b4860f7b9afc3b
                    roles: [release-manager]
                  - name: test-rm2
                    sha256: c9d33dea78ba2e49dbaaa46047108eafe63804bd6e74e0211ae001ae41c78795
                    roles: [release-manager]
                  - name: test-ci
                    sha256: 0e67bf561b334060a03d8109dbbbddda7b6c410f541b38c4ab94cbc157b74b02
                    roles: [ci]
                  - name: test-reader
                    sha256: 4e405f02a4ea23a1b605bee430541ee1d6f5153dd45f581f5efacdf8fe4ff82c
                    roles: [reader]
            """;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final URI uri;
    private final Path log;

    private ServiceProcess(String name, Process process, URI uri, Path log) {
        this.name = name;
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /**
     * Starts the service and waits until it answers {@code /health} (at most 90 s).
     *
     * @param name a name for its log file
     * @param workDir where its configuration and log go
     * @param config YAML: everything but the server port, which is chosen here
     * @param systemProperties more {@code -D} options (e.g. for the drill processes)
     */
    public static ServiceProcess start(String name, Path workDir, String config, Map<String, String> systemProperties) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            Path configFile = workDir.resolve(name + ".yml");
            Files.writeString(
                    configFile, "micronaut:\n  server:\n    port: " + port + "\n" + config, StandardCharsets.UTF_8);
            Path log = workDir.resolve(name + ".log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dmicronaut.config.files=" + configFile,
                    // the service's own logging (INFO for io.releasekit), not the tests' WARN-only logback-test.xml
                    "-D" + LogConfigurator.BUILTIN + "=true",
                    "-cp",
                    System.getProperty("java.class.path")));
            systemProperties.forEach((k, v) -> cmd.add(cmd.size() - 2, "-D" + k + "=" + v));
            cmd.add("io.releasekit.api.Application");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ServiceProcess s = new ServiceProcess(name, p, URI.create("http://127.0.0.1:" + port), log);
            s.awaitHealth(Duration.ofSeconds(90));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealth(Duration max) {
        try {
            await().atMost(max).pollInterval(Duration.ofMillis(100)).until(this::healthy);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not become healthy within " + max + ":\n" + logTail(40), e);
        }
    }

    /** Whether {@code /health} answers 200; fails at once when the process died. */
    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + " while starting:\n" + logTail(40));
        }
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(uri.resolve("/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Base URI, e.g. {@code http://127.0.0.1:40123}. */
    public URI uri() {
        return uri;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the process dies at once, without running any shutdown code. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** {@code SIGTERM}: a clean stop; waits for the process to exit (at most 60 s) and answers its exit code. */
    public int terminate() {
        process.destroy();
        return awaitExit();
    }

    /** {@code SIGSTOP}: the process is frozen (no heartbeat, no write) until {@link #wake()}. */
    public void freeze() {
        signal("STOP");
    }

    /** {@code SIGCONT}: a frozen process runs on from where it was. */
    public void wake() {
        signal("CONT");
    }

    private void signal(String sig) {
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
            if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not exit within 60 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The whole log so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the process if it is still running (after a test that failed half-way). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
