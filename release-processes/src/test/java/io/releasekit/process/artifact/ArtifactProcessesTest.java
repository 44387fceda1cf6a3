package io.releasekit.process.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.VerificationFailedException;
import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import io.releasekit.core.artifact.promotion.InMemoryGateLedger;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.artifact.promotion.Stage;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.run.Preflight;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import io.releasekit.core.testkit.TestPgpKey;
import io.releasekit.core.testkit.TestRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactProcessesTest {

    static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final TestRelease release = TestRelease.of(4);
    RecordingArtifactStore artifacts;
    RecordingArtifactStore releases;
    ArtifactStores stores;

    @BeforeEach
    void stores() {
        release.writeTo(tmp.resolve("artifacts/" + SHA));
        artifacts = new RecordingArtifactStore(new FileSystemArtifactStore(tmp.resolve("artifacts")))
                .asService("s3:us-east-1", "sts:us-east-1");
        releases = new RecordingArtifactStore(new FileSystemArtifactStore(tmp.resolve("releases")))
                .asService("s3:eu-central-1", "sts:eu-central-1");
        stores = new ArtifactStores(Map.of("artifacts", artifacts, "releases", releases), guards);
    }

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void emergencyPublishDependsOnlyOnTheStoresServices() {
        List<Step> steps = emergency().steps(RunParameters.of(Map.of("commit", SHA)));

        assertThat(steps)
                .extracting(Step::name)
                .containsExactly("verify-source", "copy", "verify-destination", "write-manifest", "update-index");
        assertThat(steps)
                .flatExtracting(Step::services)
                .allMatch(n -> n.dependency() == io.releasekit.core.run.Dependency.STRICT);
        assertThat(Preflight.check(steps, guards).checkedServices())
                .containsExactlyInAnyOrder("s3:us-east-1", "sts:us-east-1", "s3:eu-central-1", "sts:eu-central-1");
    }

    @Test
    void emergencyPreflightIsNoGoWhenAStoreServiceIsDown() {
        guards.forceOpen("s3:eu-central-1");

        PreflightResult r = Preflight.check(emergency().steps(RunParameters.of(Map.of("commit", SHA))), guards);

        assertThat(r.verdict()).isEqualTo(PreflightResult.Verdict.NO_GO);
        assertThat(r.describe()).contains("s3:eu-central-1");
    }

    @Test
    void emergencyPreflightIsGoWhileGithubAndChatAreDown() {
        guards.forceOpen("github");
        guards.forceOpen("slack");
        guards.forceOpen("matrix");

        PreflightResult r = Preflight.check(emergency().steps(RunParameters.of(Map.of("commit", SHA))), guards);

        assertThat(r.verdict()).isEqualTo(PreflightResult.Verdict.GO);
    }

    @Test
    void emergencyPublishNeedsTwoReleaseManagersNotTheRequester() {
        ApprovalPolicy policy = emergency().approvalPolicy(RunParameters.of(Map.of("commit", SHA)));
        ApprovalPolicy three = new EmergencyPublishProcess(
                        stores,
                        new EmergencyPublishSettings("artifacts", "releases", "{commit}/", "", "SHA256SUMS", 3),
                        PublishSettings.defaults())
                .approvalPolicy(RunParameters.empty());

        assertThat(policy).isEqualTo(new ApprovalPolicy(2, ApprovalPolicy.RELEASE_MANAGER, false));
        assertThat(three.required()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1a2b3c", "g1a2b3c4", "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5", "1a2b3c4/..", ""})
    void emergencyPublishRefusesABadCommit(String bad) {
        assertThatThrownBy(() -> emergency().steps(RunParameters.of(Map.of("commit", bad))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("commit '");
    }

    @Test
    void emergencyPublishDryRunPlansAndWritesNothingThenPublishesThenSkips() {
        RunParameters params = emergency().parameters().validate(Map.of("commit", SHA.toUpperCase()));
        List<Step> steps = emergency().steps(params);

        StepRunner dry = StepRunner.run(steps, params, true, guards);
        assertThat(dry.plans).hasSize(6).last().asString().contains("to the release index index.json");
        assertThat(dry.plans.get(4)).contains("write the manifest");
        assertThat(releases.putOrder()).isEmpty();

        StepRunner real = StepRunner.run(steps, params, false, guards);
        assertThat(releases.putOrder()).hasSize(6).endsWith(SHA + "/SHA256SUMS", "index.json");
        assertThat(real.outcomes).allMatch(o -> o instanceof StepOutcome.Succeeded);

        StepRunner again = StepRunner.run(steps, params, false, guards);
        assertThat(again.outcomes.get(1)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(again.outcomes.get(3)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(again.outcomes.get(4)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(releases.putOrder()).hasSize(6);
    }

    @Test
    void emergencyPublishRefusesATamperedArtifact() throws IOException {
        Files.writeString(tmp.resolve("artifacts/" + SHA + "/artifact-1.bin"), "tampered");
        RunParameters params = RunParameters.of(Map.of("commit", SHA));

        assertThatThrownBy(() -> StepRunner.run(emergency().steps(params), params, false, guards))
                .isInstanceOf(VerificationFailedException.class);
        assertThat(releases.putOrder()).isEmpty();
    }

    @Test
    void laterStepsRefuseAManifestChangedAfterVerification() throws IOException {
        RunParameters params = RunParameters.of(Map.of("commit", SHA));
        List<Step> steps = emergency().steps(params);
        StepRunner verified = StepRunner.run(steps.subList(0, 1), params, false, guards);
        Files.writeString(
                tmp.resolve("artifacts/" + SHA + "/SHA256SUMS"), "changed\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> steps.get(1)
                        .execute(new io.releasekit.core.testkit.TestStepContext(params, false, guards)
                                .withOutputs(verified.outputs)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("changed since it was verified");
    }

    @Test
    void promotesABuildWhoseGatePassedAfterAFreshVerification() {
        GateLedger ledger = new InMemoryGateLedger();
        PromoteProcess promote = promote(ledger);
        RunParameters params =
                promote.parameters().validate(Map.of("pipeline", "cfn", "build", SHA, "from", "alpha", "to", "beta"));

        assertThatThrownBy(() -> promote.steps(params))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("no gate result");
        ledger.record(new GateResult(SHA, "alpha", GateStatus.PASSED, "ci", Instant.now(), Optional.empty()));
        List<Step> steps = promote.steps(params);
        StepRunner run = StepRunner.run(steps, params, false, guards);

        assertThat(steps).extracting(Step::name).startsWith("check-gate", "verify-source");
        assertThat(run.outcomes.get(0).summary()).contains("gate alpha passed");
        assertThat(releases.putOrder()).last().isEqualTo("beta/" + SHA + "/SHA256SUMS");
    }

    @Test
    void promotionStopsWhenTheGateFailsAfterTheRunWasStarted() {
        GateLedger ledger = new InMemoryGateLedger();
        ledger.record(new GateResult(SHA, "alpha", GateStatus.PASSED, "ci", Instant.now(), Optional.empty()));
        RunParameters params = RunParameters.of(Map.of("pipeline", "cfn", "build", SHA, "from", "alpha"));
        List<Step> steps = promote(ledger).steps(params);
        ledger.record(new GateResult(SHA, "alpha", GateStatus.FAILED, "ci", Instant.now(), Optional.empty()));

        assertThatThrownBy(() -> StepRunner.run(steps, params, false, guards)).isInstanceOf(ConflictException.class);
        assertThat(releases.putOrder()).isEmpty();
    }

    @Test
    void promotionRefusesSkippingAStage() {
        RunParameters params = RunParameters.of(Map.of("pipeline", "cfn", "build", SHA, "from", "alpha", "to", "prod"));

        assertThatThrownBy(() -> promote(new InMemoryGateLedger()).steps(params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stages cannot be skipped");
    }

    @Test
    void publishProcessPublishesBetweenNamedStores() {
        PublishProcess p = new PublishProcess(stores, PublishSettings.defaults());
        RunParameters params = p.parameters()
                .validate(Map.of(
                        "sourceStore",
                        "artifacts",
                        "sourcePrefix",
                        SHA,
                        "destinationStore",
                        "releases",
                        "destinationPrefix",
                        "dist/1.0"));

        StepRunner.run(p.steps(params), params, false, guards);

        assertThat(releases.putOrder()).last().isEqualTo("dist/1.0/SHA256SUMS");
        assertThatThrownBy(() -> p.steps(RunParameters.of(Map.of(
                        "sourceStore",
                        "nope",
                        "sourcePrefix",
                        "",
                        "destinationStore",
                        "releases",
                        "destinationPrefix",
                        ""))))
                .hasMessageContaining("no artifact store named 'nope'");
    }

    @Test
    void aRunMayAskForMoreSignaturesButNeverFewerThanConfigured() {
        Keyring keys =
                Keyring.fromArmored(TestPgpKey.generate("K <k@example.org>").armoredPublicKey());
        PublishSettings settings = new PublishSettings(keys, Optional.empty(), false, 4);
        PublishProcess p = new PublishProcess(stores, settings);
        Map<String, Object> base = Map.of(
                "sourceStore",
                "artifacts",
                "sourcePrefix",
                SHA,
                "destinationStore",
                "releases",
                "destinationPrefix",
                "d");

        for (String weaker : List.of("none", "present", "artifacts")) {
            Map<String, Object> params = new java.util.HashMap<>(base);
            params.put("signatures", weaker);
            RunParameters rp = RunParameters.of(params);
            assertThatThrownBy(() -> p.steps(rp))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("weaker than the configured 'manifest'");
        }
        assertThat(settings.publishingPolicy(Optional.of("all")).artifactsRequired())
                .isTrue();
        assertThat(settings.policy(Optional.of("none")).checks()).isFalse(); // verification only reads
    }

    private EmergencyPublishProcess emergency() {
        return new EmergencyPublishProcess(stores, EmergencyPublishSettings.defaults(), PublishSettings.defaults());
    }

    private PromoteProcess promote(GateLedger ledger) {
        PromotionPipeline cfn = new PromotionPipeline(
                "cfn",
                List.of(
                        new Stage("alpha", "artifacts", ""),
                        new Stage("beta", "releases", "beta/{build}/"),
                        new Stage("prod", "releases", "prod/")));
        return new PromoteProcess(stores, List.of(cfn), ledger, PublishSettings.defaults());
    }
}
