package io.releasekit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartBump;
import io.releasekit.core.chart.ChartBumpResult;
import io.releasekit.core.chart.ChartCheck;
import io.releasekit.core.chart.ChartReport;
import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.chart.ChartSource;
import io.releasekit.core.chart.ChartVersionCheck;
import io.releasekit.core.chart.ChartVersionOutcome;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chart version uniqueness against a real OCI registry, and the chart bump on a real git repository. */
class ChartsOnRealServersTest {

    private static final String CHART =
            """
            # Aether SD-Core umbrella
            apiVersion: v2
            name: sd-core
            version: 2.1.3   # bumped by release automation
            appVersion: 1.3.0
            """;
    private static final String VALUES =
            """
            # images.tags is the ONF style
            images:
              tags:
                smf: omecproject/5gc-smf:1.4.2
                amf: "registry.aetherproject.org/omecproject/5gc-amf:1.6.3"
            webui:
              image:
                repository: omecproject/webui
                tag: '1.4.1'  # keep quoted
            """;

    @TempDir
    Path tmp;

    @Test
    void aChartVersionInAnOciRepositoryIsFoundByItsTagAndComparedByItsChartLayer() {
        RegistryContainer c = RegistryContainer.shared();
        ImageRegistry registry = OciImageRegistry.builder("charts", c.uri()).build();
        String ns = "aether-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] tgz = "chart package bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor layer = TestImages.blob(registry, ns + "/sd-core", tgz, OciChartRepository.CHART_LAYER);
        Descriptor config = TestImages.blob(
                registry,
                ns + "/sd-core",
                "{\"name\":\"sd-core\",\"version\":\"2.1.3+build.5\"}".getBytes(StandardCharsets.UTF_8),
                "application/vnd.cncf.helm.config.v1+json");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"" + config.mediaType() + "\",\"digest\":\"" + config.digest()
                + "\",\"size\":" + config.size() + "},\"layers\":[{\"mediaType\":\"" + layer.mediaType()
                + "\",\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}";
        registry.putManifest(
                ns + "/sd-core",
                "2.1.3_build.5",
                "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(StandardCharsets.UTF_8));
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            ChartRepository repo = ChartRepositories.of(
                            Map.of("oci", new OciChartRepository("oci", registry, ns)), guards)
                    .get("oci");

            assertThat(ChartVersionCheck.check(repo, "sd-core", "2.1.3+build.5", Optional.of(TestImages.sha256(tgz))))
                    .isInstanceOf(ChartVersionOutcome.SameContent.class);
            assertThat(ChartVersionCheck.check(
                            repo, "sd-core", "2.1.3+build.5", Optional.of(ImageDigest.of("sha256:" + "e".repeat(64)))))
                    .isInstanceOf(ChartVersionOutcome.Conflict.class);
            assertThat(ChartVersionCheck.check(repo, "sd-core", "2.1.4", Optional.empty()))
                    .isInstanceOf(ChartVersionOutcome.Unique.class);
            assertThat(ChartVersionCheck.check(repo, "other-chart", "1.0.0", Optional.empty())
                            .ok())
                    .isTrue();
        }
    }

    @Test
    void bumpsChartVersionAndComponentTagsAsOneCommitDryRunFirst() throws Exception {
        try (RepoFixture fixture = RepoFixture.init(tmp.resolve("charts"))) {
            String head = fixture.commit(
                    "main", "Add sd-core chart", "sd-core/Chart.yaml", CHART, "sd-core/values.yaml", VALUES);
            fixture.checkout("main");
            try (SourceRepository repo = fixture.open()) {
                ChartBumpResult dry = ChartBump.of(repo, "main", "sd-core")
                        .version("2.1.4")
                        .image("smf", "1.4.3")
                        .image("webui", "1.5.0")
                        .dryRun(true)
                        .call();

                assertThat(dry.changes())
                        .extracting(ch -> ch.path() + " " + ch.from() + " -> " + ch.to())
                        .containsExactly(
                                "version 2.1.3 -> 2.1.4",
                                "images.tags.smf omecproject/5gc-smf:1.4.2 -> omecproject/5gc-smf:1.4.3",
                                "webui.image.tag 1.4.1 -> 1.5.0");
                assertThat(fixture.head("main")).isEqualTo(head);

                ChartBumpResult real = ChartBump.of(repo, "main", "sd-core")
                        .version("2.1.4")
                        .image("smf", "1.4.3")
                        .image("webui", "1.5.0")
                        .call();

                assertThat(real.commit()).isInstanceOf(CommitOutcome.Committed.class);
                assertThat(GitCli.show(fixture.dir(), "main", "sd-core/Chart.yaml"))
                        .isEqualTo(CHART.replace("version: 2.1.3 ", "version: 2.1.4 ")
                                .strip());
                assertThat(GitCli.show(fixture.dir(), "main", "sd-core/values.yaml"))
                        .isEqualTo(VALUES.replace("5gc-smf:1.4.2", "5gc-smf:1.4.3")
                                .replace("'1.4.1'", "'1.5.0'")
                                .strip());
                assertThat(GitCli.show(fixture.dir(), "main~1", "sd-core/Chart.yaml"))
                        .contains("2.1.3");
                ChartReport after = ChartCheck.defaults().check(ChartSource.git(repo, "main", List.of()), "sd-core");
                assertThat(after.ok()).isTrue();
                assertThat(after.images())
                        .extracting(u -> u.written())
                        .contains("omecproject/5gc-smf:1.4.3", "omecproject/webui:1.5.0");
                ChartBumpResult again = ChartBump.of(repo, "main", "sd-core")
                        .version("2.1.4")
                        .image("smf", "1.4.3")
                        .image("webui", "1.5.0")
                        .call();
                assertThat(again.commit()).isInstanceOf(CommitOutcome.Unchanged.class);
                assertThat(again.changes()).isEmpty();
            }
        }
    }

    @Test
    void refusesADevVersionALowerVersionAndAnUnknownComponent() throws Exception {
        try (RepoFixture fixture = RepoFixture.init(tmp.resolve("charts"))) {
            fixture.commit("main", "Add chart", "sd-core/Chart.yaml", CHART, "sd-core/values.yaml", VALUES);
            try (SourceRepository repo = fixture.open()) {
                assertThatThrownBy(() -> ChartBump.of(repo, "main", "sd-core").version("2.2.0-dev"))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("-dev");
                assertThatThrownBy(() -> ChartBump.of(repo, "main", "sd-core")
                                .version("2.1.2")
                                .call())
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("not higher");
                assertThatThrownBy(() -> ChartBump.of(repo, "main", "sd-core")
                                .version("2.1.4")
                                .image("upf", "1.0.0")
                                .call())
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("component 'upf' has no image");
            }
        }
    }
}
