package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.ConflictException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunCancelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final CountDownLatch inFirstStep = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ManualDispatcher manual = new ManualDispatcher();

    private final RunEngine engine = RunEngine.builder()
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .define(
                    ScriptedProcess.of(
                                    "emergency-publish",
                                    writing("publish", ledger::write),
                                    writing("record", ledger::write))
                            .withPolicy(ApprovalPolicy.releaseManagers(2)),
                    ScriptedProcess.of(
                            "waits-interruptibly",
                            writing("wait-for-images", ctx -> {
                                inFirstStep.countDown();
                                release.await(); // a blocked wait: cancel interrupts it
                                return ledger.write(ctx);
                            }),
                            writing("move-stable", ledger::write)),
                    ScriptedProcess.of(
                            "ignores-interrupts",
                            writing("upload", ctx -> {
                                inFirstStep.countDown();
                                awaitUninterruptibly(release);
                                return ledger.write(ctx);
                            }),
                            writing("write-manifest", ledger::write)))
            .build();

    @AfterEach
    void close() {
        release.countDown();
        engine.close();
        guards.close();
    }

    @Test
    void cancelsARunAwaitingApprovalAtOnce() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));

        Run cancelled = engine.cancel(run.id(), "alice");

        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("cancelled by alice");
        assertThatThrownBy(() -> engine.approve(run.id(), "bob", Set.of("release-manager"), null))
                .isInstanceOf(ConflictException.class);
        assertThat(ledger.allWrites()).isEmpty();
    }

    @Test
    void aCancelledQueuedRunNeverExecutes() {
        RunEngine manualEngine = RunEngine.builder()
                .guards(guards)
                .dispatcher(e -> manual)
                .define(ScriptedProcess.of("tag", writing("tag", ledger::write)))
                .build();
        try {
            Run run = manualEngine.start(RunRequest.of("tag", Map.of(), "alice"));
            assertThat(run.state()).isEqualTo(RunState.QUEUED);

            manualEngine.cancel(run.id(), "bob");
            Run after = manualEngine.advance(run.id());

            assertThat(after.state()).isEqualTo(RunState.CANCELLED);
            assertThat(after.step("tag").orElseThrow().state()).isEqualTo(StepState.PENDING);
            assertThat(ledger.allWrites()).isEmpty();
        } finally {
            manualEngine.close();
        }
    }

    @Test
    void cancellingARunningRunInterruptsABlockedStepAndRunsNoFurtherStep() throws Exception {
        Run run = engine.start(RunRequest.of("waits-interruptibly", Map.of(), "alice"));
        assertThat(inFirstStep.await(10, TimeUnit.SECONDS)).isTrue();

        Run cancelled = engine.cancel(run.id(), "bob");

        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        await().atMost(WAIT)
                .until(() -> engine.run(run.id())
                                .step("wait-for-images")
                                .orElseThrow()
                                .state()
                        == StepState.FAILED);
        Run after = engine.run(run.id());
        assertThat(after.step("wait-for-images").orElseThrow().summary())
                .startsWith("interrupted: the run was cancelled");
        assertThat(after.step("move-stable").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(ledger.allWrites()).isEmpty();
    }

    @Test
    void aStepThatIgnoresTheInterruptFinishesAndIsRecordedButTheNextStepNeverStarts() throws Exception {
        Run run = engine.start(RunRequest.of("ignores-interrupts", Map.of(), "alice"));
        assertThat(inFirstStep.await(10, TimeUnit.SECONDS)).isTrue();

        engine.cancel(run.id(), "bob");
        release.countDown();

        await().atMost(WAIT)
                .until(() -> engine.run(run.id()).step("upload").orElseThrow().state() == StepState.SUCCEEDED);
        Run after = engine.run(run.id());
        assertThat(after.state()).isEqualTo(RunState.CANCELLED);
        assertThat(after.step("write-manifest").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(ledger.allWrites()).containsOnlyKeys(run.id() + ":upload");
        assertThat(engine.events(run.id(), 0))
                .extracting(RunEvent::type)
                .containsSubsequence(RunEvent.Type.RUN_STATE_CHANGED, RunEvent.Type.STEP_FINISHED);
    }

    @Test
    void cancellingAnEndedRunIsAConflict() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        engine.cancel(run.id(), "alice");

        assertThatThrownBy(() -> engine.cancel(run.id(), "alice"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("run '" + run.id() + "' already ended: CANCELLED");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
