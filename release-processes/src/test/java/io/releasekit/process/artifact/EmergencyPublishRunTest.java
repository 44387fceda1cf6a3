package io.releasekit.process.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.NotPermittedException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import io.releasekit.core.testkit.TestRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000 end to end on the real run engine: two release managers approve, only the stores' services matter. */
class EmergencyPublishRunTest {

    private static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    RecordingArtifactStore releases;
    RunEngine engine;

    @BeforeEach
    void engine() {
        TestRelease.of(5).writeTo(tmp.resolve("artifacts/" + SHA));
        RecordingArtifactStore artifacts = new RecordingArtifactStore(
                        new FileSystemArtifactStore(tmp.resolve("artifacts")))
                .asService("s3:us-east-1", "sts:us-east-1");
        releases = new RecordingArtifactStore(new FileSystemArtifactStore(tmp.resolve("releases")))
                .asService("s3:eu-central-1", "sts:eu-central-1");
        ArtifactStores stores = new ArtifactStores(Map.of("artifacts", artifacts, "releases", releases), guards);
        engine = RunEngine.builder()
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .define(new EmergencyPublishProcess(
                        stores, EmergencyPublishSettings.defaults(), PublishSettings.defaults()))
                .build();
    }

    @AfterEach
    void close() {
        engine.close();
        guards.close();
    }

    @Test
    void publishesAfterTwoOtherReleaseManagersApproveWhileGithubAndChatAreDown() {
        guards.forceOpen("github");
        guards.forceOpen("slack");
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of("commit", SHA), "alice"));

        assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThatThrownBy(() -> engine.approve(run.id(), "alice", RM, "me")).isInstanceOf(NotPermittedException.class);
        assertThat(engine.approve(run.id(), "bob", RM, "commit checked").state())
                .isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(releases.putOrder()).isEmpty();
        engine.approve(run.id(), "carol", RM, null);

        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(30));
        assertThat(done.state()).as(done.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(releases.putOrder()).hasSize(7).endsWith(SHA + "/SHA256SUMS", "index.json");
        assertThat(engine.events(run.id(), 0)).anyMatch(e -> e.type() == RunEvent.Type.STEP_PROGRESS);
    }

    @Test
    void isNoGoWhenTheReleasesBucketsRegionIsDown() {
        guards.forceOpen("s3:eu-central-1");

        assertThat(engine.preflight("emergency-publish", Map.of("commit", SHA)).describe())
                .isEqualTo("NO-GO: strict service(s) down [s3:eu-central-1]");
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of("commit", SHA), "alice"));
        engine.approve(run.id(), "bob", RM, null);
        engine.approve(run.id(), "carol", RM, null);

        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(RunState.FAILED);
        assertThat(done.reason()).contains("s3:eu-central-1");
        assertThat(releases.putOrder()).isEmpty();
    }
}
