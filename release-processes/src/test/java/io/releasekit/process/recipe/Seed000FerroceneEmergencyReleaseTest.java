package io.releasekit.process.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.ReleaseIndex;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.process.artifact.EmergencyPublishProcess;
import io.releasekit.process.artifact.EmergencyPublishSettings;
import io.releasekit.process.artifact.PublishSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (Ferrocene, releasing during an outage) from plain Java: the real S3 adapter against two S3Proxy servers
 * (the CI account's artifacts bucket and the prod releases bucket), the stores guarded by their registry, two release
 * managers approving, GitHub and Slack down. No Micronaut on the class path.
 */
class Seed000FerroceneEmergencyReleaseTest {

    static final String SHA = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
    static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);

    @Test
    void twoReleaseManagersApproveAndTheVerifiedArtifactsLandInTheReleasesBucket() throws Exception {
        try (ServiceGuards guards = ServiceGuards.withDefaults();
                S3ProxyServer ci = S3ProxyServer.inMemory().createBucket("ferrocene-ci-artifacts");
                S3ProxyServer prod = S3ProxyServer.inMemory().createBucket("ferrocene-prod-releases");
                S3ArtifactStore artifactsS3 = S3Fixtures.storeOn(ci, "ferrocene-ci-artifacts")
                        .guards(guards)
                        .build();
                S3ArtifactStore releasesS3 = S3Fixtures.storeOn(prod, "ferrocene-prod-releases")
                        .region("eu-central-1")
                        .guards(guards)
                        .build()) {
            ArtifactStores stores =
                    new ArtifactStores(Map.of("artifacts", artifactsS3, "releases", releasesS3), guards);
            byte[] tarball = "ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz bytes".getBytes(StandardCharsets.UTF_8);
            byte[] docs = "ferrocene-docs-24.11.0.tar.xz bytes".getBytes(StandardCharsets.UTF_8);
            ArtifactStore artifacts = stores.get("artifacts");
            put(artifacts, SHA + "/ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz", tarball);
            put(artifacts, SHA + "/ferrocene-docs-24.11.0.tar.xz", docs);
            put(
                    artifacts,
                    SHA + "/SHA256SUMS",
                    (S3Fixtures.sha256(tarball) + " *ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz\n"
                                    + S3Fixtures.sha256(docs) + " *ferrocene-docs-24.11.0.tar.xz\n")
                            .getBytes(StandardCharsets.UTF_8));
            guards.register("github").forceOpen("github");
            guards.register("slack").forceOpen("slack");

            try (RunEngine engine = RunEngine.builder()
                    .guards(guards)
                    .define(new EmergencyPublishProcess(
                            stores, EmergencyPublishSettings.defaults(), PublishSettings.defaults()))
                    .build()) {
                Run run = engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", SHA), "ci"));
                assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
                engine.approve(run.id(), "alice", RM, "outage of GitHub Actions, agreed in #release");
                assertThat(stores.get("releases").list("")).isEmpty();
                engine.approve(run.id(), "bob", RM, "agreed");

                Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(60));

                assertThat(done.state()).as(String.valueOf(done)).isEqualTo(RunState.SUCCEEDED);
            }
            assertThat(stores.get("releases").list(SHA + "/"))
                    .extracting(o -> o.key().value())
                    .containsExactlyInAnyOrder(
                            SHA + "/ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz",
                            SHA + "/ferrocene-docs-24.11.0.tar.xz",
                            SHA + "/SHA256SUMS");
            assertThat(stores.get("releases").list(""))
                    .extracting(o -> o.key().value())
                    .last()
                    .isEqualTo("index.json");
            byte[] copied = stores.get("releases")
                    .read(ArtifactKey.of(SHA + "/ferrocene-docs-24.11.0.tar.xz"), in -> in.readAllBytes());
            assertThat(copied).isEqualTo(docs);
            ReleaseIndex index = ReleaseIndex.parse(
                    new String(
                            stores.get("releases").read(ArtifactKey.of("index.json"), in -> in.readAllBytes()),
                            StandardCharsets.UTF_8),
                    "index.json");
            assertThat(index.releases()).singleElement().satisfies(e -> {
                assertThat(e.commit()).isEqualTo(SHA);
                assertThat(e.approvers()).containsExactly("alice", "bob");
                assertThat(e.manifestSha256())
                        .isEqualTo(S3Fixtures.sha256(stores.get("releases")
                                .read(ArtifactKey.of(SHA + "/SHA256SUMS"), in -> in.readAllBytes())));
            });
        }
    }

    private static void put(ArtifactStore store, String key, byte[] bytes) {
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(bytes), bytes.length, S3Fixtures.sha256(bytes));
    }
}
