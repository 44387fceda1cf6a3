package io.releasekit.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.service.ServiceGuards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals are checked again at each write, not only when the run starts: a run planned and approved under one set of
 * rules, executed by an engine (a restarted service, another replica) whose rules changed in between, has its write
 * refused at the port when the approvals it holds no longer satisfy the rules. Real file-system stores, the real engine,
 * one run store shared by both engines.
 */
class RunRecheckAtWriteTest {

    private static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);
    private static final String KEY = "ferrocene/1.0/x.tar.xz";

    @TempDir
    Path dir;

    private final RunStore store = new InMemoryRunStore();
    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final List<RunEngine> engines = new ArrayList<>();

    @AfterEach
    void tearDown() {
        engines.forEach(RunEngine::close);
    }

    private static Protection rules(int approvals) {
        return approvals == 0
                ? Protection.of(ProtectionPolicy.none())
                : Protection.of(ProtectionPolicy.of(new ProtectionRule(
                        "releases",
                        new TargetPattern.StorePrefix("releases", "ferrocene/"),
                        Set.of(WriteOperation.WRITE),
                        ApprovalPolicy.releaseManagers(approvals))));
    }

    /** An engine whose store port and planning follow {@code protection}; runs only when told when {@code manual}. */
    private RunEngine engine(Protection protection, boolean manual) throws Exception {
        ArtifactStore releases =
                protection.store("releases", new FileSystemArtifactStore(Files.createDirectories(dir.resolve("r"))));
        Step put = ScriptedProcess.step("put", true, List.of(), ctx -> {
            if (ctx.dryRun()) {
                ctx.plan(PlannedWrite.storeWrite("releases", KEY, "would write " + KEY));
            } else {
                RunProtectionTest.put(releases, KEY);
            }
            return StepOutcome.succeeded(ctx.dryRun() ? "would write" : "wrote");
        });
        RunEngine.Builder b = RunEngine.builder()
                .store(store)
                .guards(guards)
                .protection(protection)
                .define(ScriptedProcess.of("publish", put))
                .replayInterval(Duration.ZERO);
        if (manual) {
            b.dispatcher(e -> new ManualDispatcher());
        }
        RunEngine e = b.build();
        engines.add(e);
        return e;
    }

    private boolean written() throws Exception {
        return new FileSystemArtifactStore(dir.resolve("r"))
                .stat(ArtifactKey.of(KEY))
                .isPresent();
    }

    @Test
    void aRuleAddedBetweenPlanAndWriteRefusesTheWriteOfARunThatNeededNoApproval() throws Exception {
        RunEngine before = engine(rules(0), true);
        String id = before.start(RunRequest.of("publish", Map.of(), "ci")).id();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RunState.QUEUED);
        before.close();

        RunEngine after = engine(rules(1), false);
        after.resumeUnfinished();
        Run run = after.awaitEnd(id, Duration.ofSeconds(10));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .contains("write of store releases: " + KEY + " is protected by rule 'releases'")
                .contains("1 approval(s)");
        assertThat(written()).isFalse();
    }

    @Test
    void aRuleTightenedBetweenApprovalAndWriteRefusesTheWriteUntilTheRunHoldsEnoughApprovals() throws Exception {
        RunEngine before = engine(rules(1), true);
        String id = before.start(RunRequest.of("publish", Map.of(), "ci")).id();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RunState.AWAITING_APPROVAL);
        before.approve(id, "alice", RM, null);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RunState.QUEUED);
        before.close();

        RunEngine after = engine(rules(2), false);
        after.resumeUnfinished();
        Run run = after.awaitEnd(id, Duration.ofSeconds(10));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).contains("needs 2 approval(s)").contains("with approvals [alice]");
        assertThat(written()).isFalse();
    }

    @Test
    void theSameRunUnderUnchangedRulesWrites() throws Exception {
        RunEngine before = engine(rules(1), true);
        String id = before.start(RunRequest.of("publish", Map.of(), "ci")).id();
        before.approve(id, "alice", RM, null);
        before.close();

        RunEngine after = engine(rules(1), false);
        after.resumeUnfinished();

        assertThat(after.awaitEnd(id, Duration.ofSeconds(10)).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(written()).isTrue();
    }
}
