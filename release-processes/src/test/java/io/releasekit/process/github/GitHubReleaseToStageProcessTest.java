package io.releasekit.process.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.TagScheme;
import io.releasekit.github.FakeGitHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubReleaseToStageProcessTest {

    @TempDir
    Path beta;

    @TempDir
    Path spool;

    final InMemoryReleaseHost host = new InMemoryReleaseHost();
    final ReleaseHosts hosts = ReleaseHosts.builder(ServiceGuards.withDefaults())
            .add("cfn", host, TagScheme.of("release-"))
            .build();

    FileSystemArtifactStore store() {
        return new FileSystemArtifactStore(beta);
    }

    GitHubReleaseToStageProcess process(ReleaseHosts h) {
        FileSystemArtifactStore s = store();
        return new GitHubReleaseToStageProcess(
                h, () -> new ArtifactStores(Map.of("beta", s), ServiceGuards.withDefaults()), spool);
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    Map<String, Object> params(Object... more) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(
                Map.of("repository", "cfn", "tag", "release-0.1.2", "store", "beta", "prefix", "awscommunity"));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void stagesAnAssetVerifiedAgainstGithubsDigestAndSkipsItTheSecondTime() throws Exception {
        byte[] zip = bytes(300_000);
        Release r = host.release("release-0.1.2", "", false);
        host.asset(r.id(), "awscommunity.zip", zip, Optional.of(InMemoryReleaseHost.sha256(zip)));

        StepDriver first = StepDriver.run(
                process(hosts), params("asset", "awscommunity.zip"), false, ServiceGuards.withDefaults());
        StepDriver second = StepDriver.run(
                process(hosts), params("asset", "awscommunity.zip"), false, ServiceGuards.withDefaults());

        assertThat(Files.readAllBytes(beta.resolve("awscommunity/awscommunity.zip")))
                .isEqualTo(zip);
        assertThat(first.outputs)
                .containsEntry("key", "awscommunity/awscommunity.zip")
                .containsEntry("sha256", InMemoryReleaseHost.sha256(zip));
        assertThat(second.kinds()).containsExactly("Succeeded", "Skipped");
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void refusesBytesWhoseDigestDiffersFromGithubsAndStagesNothing() {
        Release r = host.release("release-0.1.2", "", false);
        host.asset(r.id(), "awscommunity.zip", bytes(1000), Optional.of("e".repeat(64)));

        assertThatThrownBy(() -> StepDriver.run(
                        process(hosts), params("asset", "awscommunity.zip"), false, ServiceGuards.withDefaults()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("GitHub's digest is sha256:" + "e".repeat(64))
                .hasMessageContaining("refusing to stage");
        assertThat(store().stat(ArtifactKey.of("awscommunity/awscommunity.zip")))
                .isEmpty();
    }

    @Test
    void stagesTheSourceZipOfAPublishedReleaseAndRefusesADifferentObjectAtTheKeyUnlessToldToOverwrite()
            throws Exception {
        host.release("release-0.1.2", "", false);
        host.archive("release-0.1.2", bytes(5000));

        StepDriver.run(process(hosts), params(), false, ServiceGuards.withDefaults());
        host.archive("release-0.1.2", bytes(6000));

        // the default object name is <repository>-<tag>.zip; the in-memory host's repository is called "test"
        assertThat(beta.resolve("awscommunity/test-release-0.1.2.zip")).hasSize(5000);
        assertThatThrownBy(() -> StepDriver.run(process(hosts), params(), false, ServiceGuards.withDefaults()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("a different object is already at")
                .hasMessageContaining("set overwrite to replace it");
        StepDriver replaced =
                StepDriver.run(process(hosts), params("overwrite", true), false, ServiceGuards.withDefaults());
        assertThat(replaced.kinds()).containsExactly("Succeeded", "Succeeded");
        assertThat(beta.resolve("awscommunity/test-release-0.1.2.zip")).hasSize(6000);
    }

    @Test
    void refusesTheSourceZipOfADraftAndPlansWithoutCopyingInADryRun() throws Exception {
        host.release("release-0.1.2", "", true);
        assertThatThrownBy(() -> StepDriver.run(process(hosts), params(), false, ServiceGuards.withDefaults()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is a draft");

        Release r = host.release("release-0.1.3", "", false);
        host.asset(r.id(), "awscommunity.zip", bytes(10), Optional.empty());
        StepDriver dry = StepDriver.run(
                process(hosts),
                params("tag", "release-0.1.3", "asset", "awscommunity.zip"),
                true,
                ServiceGuards.withDefaults());
        assertThat(dry.plans).singleElement().asString().startsWith("would copy asset awscommunity.zip (10 bytes) to ");
        assertThat(store().list("")).isEmpty();
    }

    @Test
    void stagesARealGithubAssetDownloadedThroughTheRedirect() throws Exception {
        byte[] zip = bytes(1_500_000);
        String sha = InMemoryReleaseHost.sha256(zip);
        try (FakeGitHub gh = new FakeGitHub().withRepository()) {
            gh.server()
                    .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                            .willReturn(github(200).withBody(gh.release(106, "release-0.1.2", false, "", "main"))));
            gh.server()
                    .stubFor(get(urlPathEqualTo(PATH + "/releases/106/assets"))
                            .willReturn(github(200)
                                    .withBody("[" + gh.asset(9003, "awscommunity.zip", zip.length, sha, "uploaded")
                                            + "]")));
            gh.server()
                    .stubFor(get(urlPathEqualTo(PATH + "/releases/assets/9003"))
                            .willReturn(
                                    aResponse().withStatus(302).withHeader("Location", gh.base() + "/objects/9003")));
            gh.server()
                    .stubFor(get(urlPathEqualTo("/objects/9003"))
                            .willReturn(aResponse()
                                    .withStatus(200)
                                    .withHeader("Content-Type", "application/octet-stream")
                                    .withBody(zip)));
            ReleaseHosts real = ReleaseHosts.builder(ServiceGuards.withDefaults())
                    .add("cfn", gh.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO), TagScheme.of("release-"))
                    .build();

            StepDriver d = StepDriver.run(
                    process(real), params("asset", "awscommunity.zip"), false, ServiceGuards.withDefaults());

            assertThat(d.outputs).containsEntry("sha256", sha).containsEntry("size", Integer.toString(zip.length));
            assertThat(Files.readAllBytes(beta.resolve("awscommunity/awscommunity.zip")))
                    .isEqualTo(zip);
        }
    }
}
