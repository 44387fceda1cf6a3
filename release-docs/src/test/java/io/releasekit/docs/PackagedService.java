package io.releasekit.docs;

import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged service, {@code java -jar release-api/target/releasekit.jar}, as a user starts it: a child process in
 * the page's directory (so {@code ./data} is its data directory), on a free port, with the page's configuration file.
 */
final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;

    private PackagedService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar in {@code dir} on {@code port} with the configuration files {@code config} (each may be empty)
     * and waits for /health.
     */
    static PackagedService start(Path jar, Path dir, int port, List<String> config) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < config.size(); i++) {
            Path f = dir.resolve("releasekit-docs-" + i + ".yml");
            Files.writeString(f, config.get(i).isBlank() ? "{}\n" : config.get(i), StandardCharsets.UTF_8);
            files.add(f.toString());
        }
        Path log = dir.resolve("service.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        javaBin().toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("RELEASEKIT_PORT", Integer.toString(port));
        pb.environment().put("MICRONAUT_CONFIG_FILES", String.join(",", files));
        PackagedService s = new PackagedService(pb.start(), log);
        s.awaitHealth(URI.create("http://127.0.0.1:" + port + "/health"));
        return s;
    }

    static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealth(URI health) {
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> healthy(health));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the service did not answer /health within 90 s:\n" + logTail(40), e);
        }
    }

    private boolean healthy(URI health) {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the service exited with " + process.exitValue() + " while starting:\n" + logTail(40));
        }
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(health)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the service's log. */
    String logTail(int lines) {
        try {
            return Files.exists(log) ? PageScript.tail(Files.readString(log), lines) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
