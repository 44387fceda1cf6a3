package io.releasekit.process.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import io.releasekit.core.artifact.promotion.InMemoryGateLedger;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.artifact.promotion.Stage;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.TagScheme;
import io.releasekit.process.artifact.PromoteProcess;
import io.releasekit.process.artifact.PublishSettings;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001 as a library user runs it: {@code registry.release} then {@code artifacts.promote} beta → prod. */
class RegistryReleaseRecipeTest {

    static final String MAIN = "1111111111111111111111111111111111111111";
    static final String OLD = "0000000000000000000000000000000000000000";

    @TempDir
    Path beta;

    @TempDir
    Path prod;

    @TempDir
    Path spool;

    final InMemoryReleaseHost host = new InMemoryReleaseHost();
    final InMemoryGateLedger gates = new InMemoryGateLedger();
    RunEngine engine;

    RunEngine engine() {
        ReleaseHosts hosts = ReleaseHosts.builder(ServiceGuards.withDefaults())
                .add("cfn", host, TagScheme.of("release-"))
                .build();
        ArtifactStores stores = new ArtifactStores(
                Map.of("beta", new FileSystemArtifactStore(beta), "prod", new FileSystemArtifactStore(prod)),
                ServiceGuards.withDefaults());
        PromotionPipeline pipeline = new PromotionPipeline(
                "cfn-registry",
                List.of(
                        new Stage("beta", "beta", "awscommunity/{build}/"),
                        new Stage("prod", "prod", "awscommunity/{build}/")));
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(
                        new RegistryReleaseProcess(
                                new GitHubReleaseProcess(hosts),
                                new GitHubReleaseToStageProcess(hosts, () -> stores, spool),
                                () -> stores),
                        new RegistryStageProcess(
                                new GitHubReleaseToStageProcess(hosts, () -> stores, spool), () -> stores),
                        new PromoteProcess(stores, List.of(pipeline), gates, PublishSettings.defaults()))
                .build();
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void releasesTheNextNumberStagesTheZipInBetaAndPromotesItToProdAfterTheGate() throws Exception {
        host.ref("main", MAIN).tag("release-0.1.1", OLD);
        host.release("release-0.1.1", "previous", false);
        host.pullRequest(new PullRequest(
                42,
                "Add AwsCommunity::S3::BucketNotification",
                "",
                List.of("feature"),
                "dev",
                Optional.of(Instant.parse("2026-11-20T10:00:00Z")),
                "https://github.com/x/y/pull/42"));
        byte[] zip = "PK-zip-of-release-0.1.2".getBytes(StandardCharsets.UTF_8);
        host.archive("release-0.1.2", zip);
        RunEngine e = engine();

        Run run = e.start(RunRequest.of(
                RegistryReleaseProcess.KIND,
                Map.of("repository", "cfn", "store", "beta", "stagePrefix", "awscommunity/{tag}/"),
                "ci"));
        Run done = e.awaitEnd(run.id(), Duration.ofSeconds(30));

        assertThat(done.state()).as(done.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.steps())
                .extracting(StepRecord::name)
                .containsExactly(
                        "plan-release",
                        "create-release",
                        "release-notes",
                        "locate-source",
                        "copy-to-stage",
                        "write-stage-manifest");
        Release created = host.findRelease("release-0.1.2").orElseThrow();
        assertThat(created.draft()).isFalse();
        assertThat(created.body()).contains("Add AwsCommunity::S3::BucketNotification");
        Path staged = beta.resolve("awscommunity/release-0.1.2");
        try (var files = Files.list(staged)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("test-release-0.1.2.zip", "SHA256SUMS");
        }
        assertThat(Files.readString(staged.resolve("SHA256SUMS")))
                .contains(InMemoryReleaseHost.sha256(zip))
                .contains("test-release-0.1.2.zip");

        gates.record(new GateResult(
                "release-0.1.2", "beta", GateStatus.PASSED, "codebuild-beta", Instant.now(), Optional.empty()));
        Run promote = e.start(RunRequest.of(
                PromoteProcess.KIND,
                Map.of("pipeline", "cfn-registry", "build", "release-0.1.2", "from", "beta"),
                "ci"));
        Run promoted = e.awaitEnd(promote.id(), Duration.ofSeconds(30));

        assertThat(promoted.state()).as(promoted.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(prod.resolve("awscommunity/release-0.1.2/test-release-0.1.2.zip"))
                .hasBinaryContent(zip);
        assertThat(prod.resolve("awscommunity/release-0.1.2/SHA256SUMS")).exists();
    }

    @Test
    void aSecondRunForTheSameTagSkipsEveryWrite() throws Exception {
        host.ref("main", MAIN).tag("release-0.1.1", OLD);
        host.release("release-0.1.1", "previous", false);
        host.archive("release-0.1.2", "zip".getBytes(StandardCharsets.UTF_8));
        RunEngine e = engine();
        Map<String, Object> params = Map.of(
                "repository", "cfn", "tag", "release-0.1.2", "store", "beta", "stagePrefix", "awscommunity/{tag}/");

        Run first = e.awaitEnd(
                e.start(RunRequest.of(RegistryReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(30));
        int writes = host.writes();
        Run second = e.awaitEnd(
                e.start(RunRequest.of(RegistryReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(first.state()).as(first.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.state()).as(second.reason()).isEqualTo(RunState.SUCCEEDED);
        // a source zip has no digest on GitHub, so it is downloaded again; the manifest proves the bytes are the same
        assertThat(second.step("write-stage-manifest").orElseThrow().state())
                .as(second.step("write-stage-manifest").orElseThrow().summary() + second.steps())
                .isEqualTo(StepState.SKIPPED);
        assertThat(host.releases()).extracting(Release::tag).containsOnlyOnce("release-0.1.2");
        assertThat(host.writes()).isLessThanOrEqualTo(writes + 1); // at most the notes rewrite, never a new release
    }

    @Test
    void aDryRunPlansTheReleaseAndTheCopyOfItsZipButWritesNothing() throws Exception {
        host.ref("main", MAIN).tag("release-0.1.1", OLD);
        host.release("release-0.1.1", "previous", false);
        host.archive("release-0.1.2", "zip".getBytes(StandardCharsets.UTF_8));
        RunEngine e = engine();
        int writes = host.writes();

        Run dry = e.awaitEnd(
                e.start(RunRequest.of(
                                        RegistryReleaseProcess.KIND,
                                        Map.of(
                                                "repository",
                                                "cfn",
                                                "store",
                                                "beta",
                                                "stagePrefix",
                                                "awscommunity/{tag}/"),
                                        "ci")
                                .withDryRun(true))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(dry.step("create-release").orElseThrow().planned())
                .singleElement()
                .asString()
                .contains("would create draft release release-0.1.2");
        assertThat(dry.step("copy-to-stage").orElseThrow().planned())
                .singleElement()
                .asString()
                .startsWith("would copy the source zip of release release-0.1.2, once published, to ")
                .endsWith(" awscommunity/release-0.1.2/");
        assertThat(dry.step("write-stage-manifest").orElseThrow().planned()).isNotEmpty();
        assertThat(host.writes()).isEqualTo(writes);
        assertThat(host.findRelease("release-0.1.2")).isEmpty();
        try (var files = Files.list(beta)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutAStoreTheReleaseEndsPublishedAndRegistryStageCopiesItAsTheWebhookDoes() throws Exception {
        host.ref("main", MAIN).tag("release-0.1.1", OLD);
        host.release("release-0.1.1", "previous", false);
        byte[] zip = "PK-zip-of-release-0.1.2".getBytes(StandardCharsets.UTF_8);
        host.archive("release-0.1.2", zip);
        RunEngine e = engine();

        Run released = e.awaitEnd(
                e.start(RunRequest.of(RegistryReleaseProcess.KIND, Map.of("repository", "cfn"), "ci"))
                        .id(),
                Duration.ofSeconds(30));
        assertThat(released.state()).as(released.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(released.steps())
                .extracting(StepRecord::name)
                .containsExactly("plan-release", "create-release", "release-notes");
        assertThat(host.findRelease("release-0.1.2").orElseThrow().draft()).isFalse();
        try (var files = Files.list(beta)) {
            assertThat(files).isEmpty();
        }

        Map<String, Object> stage = Map.of(
                "repository", "cfn", "tag", "release-0.1.2", "store", "beta", "stagePrefix", "awscommunity/{tag}/");
        Run staged = e.awaitEnd(
                e.start(RunRequest.of(RegistryStageProcess.KIND, stage, "github-webhook:ericzbeard"))
                        .id(),
                Duration.ofSeconds(30));
        Run again = e.awaitEnd(
                e.start(RunRequest.of(RegistryStageProcess.KIND, stage, "github-webhook:ericzbeard"))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(staged.state()).as(staged.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(staged.steps())
                .extracting(StepRecord::name)
                .containsExactly("locate-source", "copy-to-stage", "write-stage-manifest");
        assertThat(beta.resolve("awscommunity/release-0.1.2/test-release-0.1.2.zip"))
                .hasBinaryContent(zip);
        assertThat(Files.readString(beta.resolve("awscommunity/release-0.1.2/SHA256SUMS")))
                .isEqualTo(InMemoryReleaseHost.sha256(zip) + " *test-release-0.1.2.zip\n");
        assertThat(again.steps())
                .extracting(r -> r.name() + "=" + r.state())
                .containsExactly("locate-source=SUCCEEDED", "copy-to-stage=SKIPPED", "write-stage-manifest=SKIPPED");
    }
}
