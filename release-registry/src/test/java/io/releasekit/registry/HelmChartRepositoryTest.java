package io.releasekit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.chart.ChartVersionCheck;
import io.releasekit.core.chart.ChartVersionOutcome;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.service.ServiceGuards;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A classic Helm repository served by the JDK's HttpServer with an index.yaml shaped like `helm repo index` writes. */
class HelmChartRepositoryTest {

    private static final String PUBLISHED = "0b7d1f6a0c2f5b4e8a9d3c1e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a";
    private static final String INDEX =
            """
            apiVersion: v1
            entries:
              sd-core:
              - apiVersion: v2
                appVersion: 1.3.0
                created: "2026-11-02T10:11:12.345678901Z"
                description: SD-Core control plane
                digest: %s
                name: sd-core
                type: application
                urls:
                - https://charts.aetherproject.org/sd-core-0.12.8.tgz
                version: 0.12.8
              - apiVersion: v2
                appVersion: 1.2.0
                created: "2026-09-01T08:00:00Z"
                digest: 5e5b6c8a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c
                name: sd-core
                urls:
                - https://charts.aetherproject.org/sd-core-0.12.7.tgz
                version: 0.12.7
              aether-roc-umbrella:
              - apiVersion: v2
                created: "2026-10-01T00:00:00Z"
                name: aether-roc-umbrella
                urls:
                - aether-roc-umbrella-2.1.3.tgz
                version: 2.1.3
            generated: "2026-11-02T10:11:13.000000000Z"
            """
                    .formatted(PUBLISHED);

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>(INDEX);
    private ChartRepository repo;
    private ServiceGuards guards;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/charts/index.yaml", ex -> {
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/yaml");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        guards = ServiceGuards.withDefaults();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/charts");
        repo = ChartRepositories.of(
                        Map.of("aether", new HelmChartRepository("aether", base, RegistryCredentials.anonymous())),
                        guards)
                .get("aether");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        guards.close();
    }

    @Test
    void aNewVersionIsUnique() {
        assertThat(ChartVersionCheck.check(repo, "sd-core", "0.12.9", Optional.empty()))
                .isInstanceOf(ChartVersionOutcome.Unique.class);
        assertThat(ChartVersionCheck.check(repo, "never-published", "1.0.0", Optional.empty())
                        .ok())
                .isTrue();
        assertThat(repo.service()).startsWith("helm:127.0.0.1_");
    }

    @Test
    void theSamePackageAgainIsSameContent() {
        assertThat(ChartVersionCheck.check(
                        repo, "sd-core", "0.12.8", Optional.of(ImageDigest.of("sha256:" + PUBLISHED))))
                .isInstanceOf(ChartVersionOutcome.SameContent.class);
    }

    @Test
    void sameVersionWithDifferentContentIsAConflict() {
        ChartVersionOutcome o = ChartVersionCheck.check(
                repo, "sd-core", "0.12.8", Optional.of(ImageDigest.of("sha256:" + "f".repeat(64))));

        assertThat(o).isInstanceOfSatisfying(ChartVersionOutcome.Conflict.class, c -> {
            assertThat(c.published()).contains(ImageDigest.of("sha256:" + PUBLISHED));
            assertThat(c.reason()).contains("with different content");
        });
    }

    @Test
    void aPublishedVersionWithoutDigestOrWithoutLocalDigestIsAConflict() {
        assertThat(ChartVersionCheck.check(
                        repo, "aether-roc-umbrella", "2.1.3", Optional.of(ImageDigest.of("sha256:" + "a".repeat(64)))))
                .isInstanceOfSatisfying(ChartVersionOutcome.Conflict.class, c -> assertThat(c.reason())
                        .contains("does not record its digest"));
        assertThat(ChartVersionCheck.check(repo, "sd-core", "0.12.7", Optional.empty())
                        .ok())
                .isFalse();
    }

    @Test
    void somethingElseThanAnIndexIsInvalid() {
        body.set("<html>not found</html>");

        assertThatThrownBy(() -> repo.find("sd-core", "1.0.0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is this a Helm repository?");
    }
}
