package io.releasekit.api.git;

import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RefSnapshot;
import io.releasekit.git.testkit.RepoFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two configured repositories for API tests: {@code charts}, cloned on first use from a bare repository served over
 * HTTP (the seed-003 history: VERSION 2.0.0, 2.1.0, 2.2.0-dev, then a fix on main), and {@code local}, a working
 * directory without a remote whose {@code no-version} branch has no VERSION file.
 */
public final class GitApiFixture implements AutoCloseable {

    final Path root;
    final GitHttpServer server;
    final RepoFixture origin;
    final RepoFixture local;
    final Path chartsWork;
    final String release;
    final String fix;

    /** Creates the repositories (and the HTTP git server) in a temp directory. */
    public GitApiFixture() {
        try {
            root = Files.createTempDirectory("releasekit-git-api");
            server = GitHttpServer.start(Files.createDirectories(root.resolve("server")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        origin = server.createRepository("charts.git");
        origin.commit("main", "start", "VERSION", "2.0.0\n", "chart.yaml", "image: 2.0.0\n");
        release = origin.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        origin.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        fix = origin.commit("main", "Fix chart", "chart.yaml", "image: 2.0.1\n");
        origin.branch("stable", release);
        origin.branch("development", release);
        origin.branch("security/hotfix", release);
        chartsWork = root.resolve("charts");
        local = RepoFixture.init(root.resolve("local"));
        local.commit("main", "start", "VERSION", "1.0.0\n");
        local.commit("main", "work", "app.txt", "a\n");
        local.commit("no-version", "no VERSION here", "README", "r\n");
        local.checkout("main");
    }

    /** The configuration the application is started with. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("releasekit.repositories.charts.path", chartsWork.toString());
        p.put("releasekit.repositories.charts.remote-url", server.url("charts.git"));
        p.put("releasekit.repositories.charts.author-name", RepoFixture.RELEASER.name());
        p.put("releasekit.repositories.charts.author-email", RepoFixture.RELEASER.email());
        p.put("releasekit.repositories.local.path", local.dir().toString());
        p.put("releasekit.repositories.broken.path", root.resolve("server").toString()); // a directory, no repository
        return p;
    }

    /** Every ref of the working directories and of the remote (read in-process; the library tests use the CLI). */
    Map<String, String> allRefs() {
        Map<String, String> refs = new LinkedHashMap<>();
        RefSnapshot.of(local.dir()).forEach((k, v) -> refs.put("local " + k, v));
        RefSnapshot.of(origin.dir()).forEach((k, v) -> refs.put("origin " + k, v));
        if (Files.isDirectory(chartsWork)) {
            RefSnapshot.of(chartsWork).forEach((k, v) -> refs.put("charts " + k, v));
        }
        return refs;
    }

    /** The working directory of {@code local}. */
    public Path localDir() {
        return local.dir();
    }

    /** The bare repository {@code charts} is cloned from (the remote). */
    public Path originDir() {
        return origin.dir();
    }

    /** The working directory of {@code charts} (exists once the repository was first used). */
    public Path chartsDir() {
        return chartsWork;
    }

    @Override
    public void close() throws Exception {
        server.close();
        origin.close();
        local.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
