package io.releasekit.process.recipe;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.WatchedStore;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.StagedKeys;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.TagScheme;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.RegistryReleaseScenario;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001 (the CloudFormation community registry) from plain Java: the real GitHub adapter (hub4j) against GitHub
 * played by WireMock ({@link RegistryReleaseScenario}, shared with release-api's REST test of the seed) and the real
 * S3 adapter against S3Proxy. {@code registry.release} numbers the release from the last one and writes its notes from
 * the merged pull requests; {@code registry.stage} then copies the verified source zip into the beta bucket with a
 * SHA256SUMS. No Micronaut on the class path.
 */
class Seed001CloudFormationRegistryReleaseTest {

    static final String BETA = "cep-source-222222222222-beta-awscommunity";
    static final String TAG = RegistryReleaseScenario.TAG;

    @TempDir
    Path spool;

    @Test
    void releasesTheNextNumberWithNotesThenStagesTheVerifiedZipInBeta() throws Exception {
        try (FakeGitHub gh = new FakeGitHub().withRepository();
                S3ProxyServer s3 = S3ProxyServer.inMemory().createBucket(BETA);
                ServiceGuards guards = ServiceGuards.withDefaults();
                S3ArtifactStore betaS3 =
                        S3Fixtures.storeOn(s3, BETA).guards(guards).build()) {
            RegistryReleaseScenario github = new RegistryReleaseScenario(gh);
            github.stubRepositoryBeforeTheRelease();
            github.stubSourceZip();
            ReleaseHosts hosts = ReleaseHosts.builder(guards)
                    .add(
                            "cfn-registry",
                            gh.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO),
                            TagScheme.of("release-"))
                    .build();
            String dir = "awscommunity/" + TAG + "/";
            String zipKey = dir + "community-registry-extensions-" + TAG + ".zip";
            // what a pipeline triggered by the bucket sees: a listing around every write
            WatchedStore beta = new WatchedStore(betaS3, betaS3, "awscommunity/", Set.of(zipKey), Set.of());
            ArtifactStores stores = new ArtifactStores(Map.of("beta", beta), guards);
            GitHubReleaseToStageProcess toStage = new GitHubReleaseToStageProcess(hosts, () -> stores, spool);

            try (RunEngine engine = RunEngine.builder()
                    .guards(guards)
                    .define(
                            new RegistryReleaseProcess(new GitHubReleaseProcess(hosts), toStage, () -> stores),
                            new RegistryStageProcess(toStage, () -> stores))
                    .build()) {
                Run released = engine.awaitEnd(
                        engine.start(RunRequest.of(
                                        RegistryReleaseProcess.KIND, Map.of("repository", "cfn-registry"), "ci"))
                                .id(),
                        Duration.ofSeconds(60));
                assertThat(released.state()).as(String.valueOf(released)).isEqualTo(RunState.SUCCEEDED);
                LoggedRequest create = single(gh, postRequestedFor(urlPathEqualTo(PATH + "/releases")));
                assertThat(create.getBodyAsString())
                        .contains("\"tag_name\":\"" + TAG + "\"")
                        .contains("\"target_commitish\":\"" + RegistryReleaseScenario.MAIN_SHA + "\"");
                String notes = single(gh, patchRequestedFor(urlPathEqualTo(PATH + "/releases/106")))
                        .getBodyAsString();
                assertThat(notes)
                        .contains("New `AwsCommunity::Time::Offset` resource type.")
                        .contains("release-0.1.1..." + TAG);

                github.stubPublished("## What's Changed\n\n- New `AwsCommunity::Time::Offset` resource type.\n");
                Run staged = engine.awaitEnd(
                        engine.start(RunRequest.of(
                                        RegistryStageProcess.KIND,
                                        Map.of(
                                                "repository", "cfn-registry",
                                                "tag", TAG,
                                                "store", "beta",
                                                "stagePrefix", "awscommunity/{tag}/"),
                                        "github-webhook"))
                                .id(),
                        Duration.ofSeconds(60));
                assertThat(staged.state()).as(String.valueOf(staged)).isEqualTo(RunState.SUCCEEDED);
            }

            assertThat(beta.violations()).isEmpty();
            assertThat(beta.events())
                    .as("the zip under its staged key, then SHA256SUMS, and the zip at its final key last")
                    .hasSize(3)
                    .satisfies(e -> assertThat(e.get(0)).startsWith("put " + zipKey + StagedKeys.MARKER))
                    .satisfies(e -> assertThat(e.get(1)).isEqualTo("put " + dir + "SHA256SUMS"))
                    .satisfies(e -> assertThat(e.get(2)).startsWith("move " + zipKey + StagedKeys.MARKER));
            assertThat(stores.get("beta").list(dir))
                    .extracting(o -> o.key().value())
                    .containsExactlyInAnyOrder(
                            dir + "community-registry-extensions-" + TAG + ".zip", dir + "SHA256SUMS");
            byte[] zip = stores.get("beta")
                    .read(
                            ArtifactKey.of(dir + "community-registry-extensions-" + TAG + ".zip"),
                            in -> in.readAllBytes());
            assertThat(zip).isEqualTo(github.zip());
            String sums = new String(
                    stores.get("beta").read(ArtifactKey.of(dir + "SHA256SUMS"), in -> in.readAllBytes()),
                    StandardCharsets.UTF_8);
            assertThat(sums)
                    .startsWith(S3Fixtures.sha256(zip))
                    .contains("community-registry-extensions-" + TAG + ".zip");
        }
    }

    private static LoggedRequest single(
            FakeGitHub gh, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = gh.server().findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
