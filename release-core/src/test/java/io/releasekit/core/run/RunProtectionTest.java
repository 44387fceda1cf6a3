package io.releasekit.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.internal.Parallel;
import io.releasekit.core.protect.ApprovalRequiredException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's approvals follow from its plan, and the store port refuses what the plan and the approvals do not cover:
 * real file-system stores behind the protected decorator, the real engine.
 */
class RunProtectionTest {

    private static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);

    @TempDir
    Path dir;

    private final List<PlannedWrite> observed = new CopyOnWriteArrayList<>();
    private ArtifactStore releases;
    private ArtifactStore scratch;
    private RunEngine engine;
    private Protection protection;

    @BeforeEach
    void setUp() throws Exception {
        protection = Protection.of(ProtectionPolicy.of(new ProtectionRule(
                        "releases",
                        new TargetPattern.StorePrefix("releases", "ferrocene/"),
                        Set.of(WriteOperation.WRITE),
                        ApprovalPolicy.releaseManagers(2))))
                .withObserver((w, by) -> observed.add(w));
        releases = protection.store("releases", new FileSystemArtifactStore(Files.createDirectories(dir.resolve("r"))));
        scratch = protection.store("scratch", new FileSystemArtifactStore(Files.createDirectories(dir.resolve("s"))));
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    private RunEngine engine(ProcessDefinition... kinds) {
        engine = RunEngine.builder()
                .protection(protection)
                .define(kinds)
                .replayInterval(Duration.ZERO)
                .build();
        return engine;
    }

    /** A step that puts {@code keys} into {@code store}, or in a dry run plans them. */
    private static Step putting(String name, String storeName, ArtifactStore store, String... keys) {
        return ScriptedProcess.step(name, true, List.of(), ctx -> {
            for (String key : keys) {
                if (ctx.dryRun()) {
                    ctx.plan(PlannedWrite.storeWrite(storeName, key, "would write " + key));
                } else {
                    put(store, key);
                }
            }
            return StepOutcome.succeeded(ctx.dryRun() ? "would write " + keys.length : "wrote " + keys.length);
        });
    }

    static void put(ArtifactStore store, String key) throws Exception {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(b), b.length, sha);
    }

    @Test
    void aDirectWriteToAProtectedLocationIsRefusedNamingItsRuleAndHowToGetApprovals() throws Exception {
        assertThatThrownBy(() -> put(releases, "ferrocene/1.0/x.tar.xz"))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("store releases: ferrocene/1.0/x.tar.xz")
                .hasMessageContaining("'releases'")
                .hasMessageContaining("2 approval(s) by distinct 'release-manager' principals, the requester excluded")
                .hasMessageContaining("POST /api/v1/runs")
                .extracting(e -> ((ApprovalRequiredException) e).errorType())
                .isEqualTo("approval-required");
        assertThat(releases.stat(ArtifactKey.of("ferrocene/1.0/x.tar.xz"))).isEmpty();

        put(releases, "other/x"); // outside the protected prefix
        put(scratch, "ferrocene/1.0/x.tar.xz"); // another store
        assertThat(observed).hasSize(2);
    }

    @Test
    void aKindWithoutAnApprovalPolicyWaitsForTheApprovalsItsPlanNeeds() throws Exception {
        engine(ScriptedProcess.of("copy-anything", putting("put", "releases", releases, "ferrocene/1.0/x.tar.xz")));

        Run run = engine.start(RunRequest.of("copy-anything", Map.of(), "ci"));

        assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(run.approvalPolicy()).isEqualTo(ApprovalPolicy.releaseManagers(2));
        assertThat(run.step("put").orElseThrow().plannedWrites())
                .extracting(PlannedWrite::toString)
                .containsExactly("write store releases: ferrocene/1.0/x.tar.xz");
        assertThat(run.step("put").orElseThrow().planned()).containsExactly("would write ferrocene/1.0/x.tar.xz");
        assertThatThrownBy(() -> engine.approve(run.id(), "ci", RM, null)).hasMessageContaining("may not approve");

        engine.approve(run.id(), "alice", RM, null);
        assertThat(engine.run(run.id()).state()).isEqualTo(RunState.AWAITING_APPROVAL);
        engine.approve(run.id(), "bob", RM, null);
        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(10));

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(releases.stat(ArtifactKey.of("ferrocene/1.0/x.tar.xz"))).isPresent();
        assertThat(done.step("put").orElseThrow().plannedWrites()).hasSize(1); // the approved plan stays on the run
    }

    @Test
    void aKindKeepsItsOwnPolicyWhenItsPlanNeedsLess() {
        engine(ScriptedProcess.of("scratch-write", putting("put", "scratch", scratch, "a"))
                .withPolicy(ApprovalPolicy.releaseManagers(1)));

        Run run = engine.start(RunRequest.of("scratch-write", Map.of(), "ci"));

        assertThat(run.approvalPolicy()).isEqualTo(ApprovalPolicy.releaseManagers(1));
        assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
    }

    @Test
    void aRunThatWritesOutsideItsPlanIsRefusedAndWritesNothing() {
        Step sneaky = ScriptedProcess.step("sneaky", true, List.of(), ctx -> {
            if (ctx.dryRun()) {
                ctx.plan(PlannedWrite.storeWrite("scratch", "planned", "would write planned"));
            } else {
                put(scratch, "planned");
                put(scratch, "not-planned");
            }
            return StepOutcome.succeeded("done");
        });
        engine(ScriptedProcess.of("sneaky", sneaky));

        Run run = engine.start(RunRequest.of("sneaky", Map.of(), "ci"));
        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(10));

        assertThat(done.state()).isEqualTo(RunState.FAILED);
        assertThat(done.reason()).contains("write store scratch: not-planned").contains("not in the run's plan");
        assertThat(scratch.stat(ArtifactKey.of("planned"))).isPresent();
        assertThat(scratch.stat(ArtifactKey.of("not-planned"))).isEmpty();
    }

    @Test
    void aStepThatIgnoresItsDryRunFlagCannotWriteWhileItIsPlanned() {
        Step careless = ScriptedProcess.step("careless", true, List.of(), ctx -> {
            put(scratch, "written-in-a-dry-run");
            return StepOutcome.succeeded("done");
        });
        engine(ScriptedProcess.of("careless", careless));

        Run dry = engine.awaitEnd(
                engine.start(RunRequest.of("careless", Map.of(), "ci").withDryRun(true))
                        .id(),
                Duration.ofSeconds(10));
        Run real = engine.start(RunRequest.of("careless", Map.of(), "ci"));

        assertThat(dry.state()).isEqualTo(RunState.FAILED);
        assertThat(dry.reason()).contains("may only read and plan");
        assertThat(real.step("careless").orElseThrow().planned())
                .anyMatch(t -> t.contains("not fully planned") && t.contains("may only read and plan"));
        assertThat(scratch.stat(ArtifactKey.of("written-in-a-dry-run"))).isEmpty();
    }

    @Test
    void writesFromTheParallelCopierCarryTheRunsAuthority() {
        List<String> keys = List.of("ferrocene/a", "ferrocene/b", "ferrocene/c", "ferrocene/d");
        Step parallel = ScriptedProcess.step("parallel", true, List.of(), ctx -> {
            if (ctx.dryRun()) {
                keys.forEach(k -> ctx.plan(PlannedWrite.storeWrite("releases", k, "would write " + k)));
            } else {
                Parallel.map(keys, 4, "test-copy", k -> {
                    put(releases, k);
                    return k;
                });
            }
            return StepOutcome.succeeded("done");
        });
        engine(ScriptedProcess.of("parallel", parallel));
        Run run = engine.start(RunRequest.of("parallel", Map.of(), "ci"));
        engine.approve(run.id(), "alice", RM, null);
        engine.approve(run.id(), "bob", RM, null);

        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(10));

        assertThat(done.state()).as(done.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(observed)
                .extracting(w -> ((io.releasekit.core.protect.ProtectedTarget.StoreObject) w.target()).key())
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aDryRunRecordsItsPlanWithTargetAndOperationAndWaitsForNoOne() {
        engine(ScriptedProcess.of("copy-anything", putting("put", "releases", releases, "ferrocene/1.0/x")));

        Run done = engine.awaitEnd(
                engine.start(RunRequest.of("copy-anything", Map.of(), "ci").withDryRun(true))
                        .id(),
                Duration.ofSeconds(10));

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.step("put").orElseThrow().plannedWrites())
                .extracting(PlannedWrite::toString)
                .containsExactly("write store releases: ferrocene/1.0/x");
        assertThat(observed).isEmpty();
    }
}
