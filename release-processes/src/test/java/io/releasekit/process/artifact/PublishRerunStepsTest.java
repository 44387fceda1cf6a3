package io.releasekit.process.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code artifacts.publish} run step by step over two S3Proxy buckets with trusted store checksums: a rerun onto the
 * complete destination is recognised by {@code verify-source} from the publication record and one listing of the
 * destination, and the later steps are skipped (dry run and real run alike); a deleted destination object sends the
 * rerun through every step, which copies it again.
 */
class PublishRerunStepsTest {

    final ServiceGuards guards = ServiceGuards.withDefaults();
    S3ProxyServer server;
    S3ArtifactStore artifactsS3;
    S3ArtifactStore releasesS3;
    ArtifactStores stores;
    PublishProcess process;
    RunParameters params;

    @BeforeEach
    void release() {
        server = S3ProxyServer.inMemory().createBucket("artifacts").createBucket("releases");
        artifactsS3 = S3Fixtures.storeOn(server, "artifacts").guards(guards).build();
        releasesS3 = S3Fixtures.storeOn(server, "releases").guards(guards).build();
        stores = new ArtifactStores(Map.of("artifacts", artifactsS3, "releases", releasesS3), guards);
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            byte[] bytes = ("artifact " + i).getBytes(StandardCharsets.UTF_8);
            S3Fixtures.putGuarded(stores.get("artifacts"), guards, "1a2b/a-" + i + ".zip", bytes);
            sums.append(S3Fixtures.sha256(bytes)).append("  a-").append(i).append(".zip\n");
        }
        S3Fixtures.putGuarded(
                stores.get("artifacts"),
                guards,
                "1a2b/SHA256SUMS",
                sums.toString().getBytes(StandardCharsets.UTF_8));
        process = new PublishProcess(stores, new PublishSettings(Keyring.empty(), Optional.empty(), true, 4));
        params = process.parameters()
                .validate(Map.of(
                        "sourceStore", "artifacts",
                        "sourcePrefix", "1a2b/",
                        "destinationStore", "releases",
                        "destinationPrefix", "dist/1.0/"));
    }

    @AfterEach
    void close() {
        artifactsS3.close();
        releasesS3.close();
        server.close();
        guards.close();
    }

    @Test
    void aRerunOfACompletePublicationIsRecognisedAndTheLaterStepsAreSkipped() {
        StepRunner.run(process.steps(params), params, false, guards);

        StepRunner dry = StepRunner.run(process.steps(params), params, true, guards);
        StepRunner real = StepRunner.run(process.steps(params), params, false, guards);

        for (StepRunner r : new StepRunner[] {dry, real}) {
            assertThat(r.outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(StepOutcome.Skipped.class));
            assertThat(r.outcomes.get(0).summary()).contains("already published intact");
            assertThat(r.outputs).containsEntry(PublishSteps.RECOGNISED, "true");
            assertThat(r.plans).isEmpty();
        }
    }

    @Test
    void aDeletedDestinationObjectIsCopiedAgainByTheRerun() {
        StepRunner.run(process.steps(params), params, false, guards);
        releasesS3.delete(ArtifactKey.of("dist/1.0/a-3.zip"));

        StepRunner dry = StepRunner.run(process.steps(params), params, true, guards);
        StepRunner real = StepRunner.run(process.steps(params), params, false, guards);

        assertThat(dry.outputs).doesNotContainKey(PublishSteps.RECOGNISED);
        assertThat(dry.plans).singleElement().asString().contains("dist/1.0/a-3.zip");
        assertThat(real.outputs).containsEntry("copied", "1").containsEntry("skipped", "4");
        assertThat(releasesS3.stat(ArtifactKey.of("dist/1.0/a-3.zip"))).isPresent();
        assertThat(StepRunner.run(process.steps(params), params, false, guards).outputs)
                .containsEntry(PublishSteps.RECOGNISED, "true");
    }
}
