package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A runner that dies mid-run, and a new one over the same store that finishes the job without writing twice. */
class RunResumeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final RunStore store = new InMemoryRunStore();
    private final Ledger ledger = new Ledger();
    private final List<RunEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(RunEngine::close);
        guards.close();
    }

    private RunEngine engine(ProcessDefinition definition, Duration grace) {
        RunEngine e = RunEngine.builder()
                .store(store)
                .guards(guards)
                .define(definition)
                .replayInterval(Duration.ZERO)
                .shutdownGrace(grace)
                .build();
        engines.add(e);
        return e;
    }

    @Test
    void aNewEngineResumesAtTheStepThatWasRunningAndWritesNothingTwice() {
        CountDownLatch wroteAndBlocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean blockAfterWriting = new AtomicBoolean(true);
        ProcessDefinition publish = ScriptedProcess.of(
                "publish",
                reading("verify", ctx -> StepOutcome.succeeded("ok")),
                writing("upload", ctx -> {
                    StepOutcome outcome = ledger.write(ctx);
                    if (blockAfterWriting.get()) {
                        wroteAndBlocked.countDown();
                        never.await(); // the process "dies" here, after the write, before recording it
                    }
                    return outcome;
                }),
                writing("write-manifest", ledger::write));
        RunEngine first = engine(publish, Duration.ZERO);
        String id = first.start(RunRequest.of("publish", Map.of(), "alice")).id();
        await().atMost(WAIT).until(() -> wroteAndBlocked.getCount() == 0);

        first.close(); // interrupts the blocked step; nothing more is recorded

        Run left = store.find(id).orElseThrow();
        assertThat(left.state()).isEqualTo(RunState.RUNNING);
        assertThat(left.step("upload").orElseThrow().state()).isEqualTo(StepState.RUNNING);
        assertThat(left.step("write-manifest").orElseThrow().state()).isEqualTo(StepState.PENDING);

        blockAfterWriting.set(false);
        RunEngine second = engine(publish, Duration.ofSeconds(10));
        assertThat(second.resumeUnfinished()).containsExactly(id);
        Run done = second.awaitEnd(id, WAIT);

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        StepRecord upload = done.step("upload").orElseThrow();
        assertThat(upload.attempts()).isEqualTo(2);
        assertThat(upload.state()).isEqualTo(StepState.SKIPPED);
        assertThat(done.step("verify").orElseThrow().attempts()).isEqualTo(1);
        assertThat(ledger.writes(id + ":upload")).isEqualTo(1);
        assertThat(ledger.writes(id + ":write-manifest")).isEqualTo(1);
        assertThat(ledger.executions(id + ":upload")).isEqualTo(2);
    }

    @Test
    void aGracefulCloseLetsTheCurrentStepFinishAndTheNextEngineContinuesAfterIt() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProcessDefinition publish = ScriptedProcess.of(
                "publish",
                writing("upload", ctx -> {
                    started.countDown();
                    release.await();
                    return ledger.write(ctx);
                }),
                writing("write-manifest", ledger::write));
        RunEngine first = engine(publish, Duration.ofSeconds(10));
        String id = first.start(RunRequest.of("publish", Map.of(), "alice")).id();
        await().atMost(WAIT).until(() -> started.getCount() == 0);

        Thread closer = new Thread(first::close);
        closer.start();
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        await().atMost(WAIT).until(() -> !closer.isAlive());

        Run left = store.find(id).orElseThrow();
        assertThat(left.state()).isEqualTo(RunState.RUNNING);
        assertThat(left.step("upload").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(left.step("write-manifest").orElseThrow().state()).isEqualTo(StepState.PENDING);

        RunEngine second = engine(publish, Duration.ofSeconds(10));
        second.resumeUnfinished();
        Run done = second.awaitEnd(id, WAIT);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.step("upload").orElseThrow().attempts()).isEqualTo(1);
        assertThat(ledger.allWrites()).containsOnlyKeys(id + ":upload", id + ":write-manifest");
    }

    @Test
    void queuedRunsLeftByAnEngineThatNeverRanThemAreResumed() {
        ProcessDefinition tag = ScriptedProcess.of("tag", writing("tag", ledger::write));
        RunEngine first = RunEngine.builder()
                .store(store)
                .guards(guards)
                .define(tag)
                .dispatcher(e -> new ManualDispatcher())
                .build();
        engines.add(first);
        String id = first.start(RunRequest.of("tag", Map.of(), "alice")).id();
        first.close();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RunState.QUEUED);

        RunEngine second = engine(tag, Duration.ZERO);
        second.resumeUnfinished();

        assertThat(second.awaitEnd(id, WAIT).state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aRunWhoseProcessChangedItsStepsFailsWithAClearReasonInsteadOfGuessing() {
        RunEngine first = RunEngine.builder()
                .store(store)
                .guards(guards)
                .define(ScriptedProcess.of("tag", writing("tag", ledger::write)))
                .dispatcher(e -> new ManualDispatcher())
                .build();
        engines.add(first);
        String id = first.start(RunRequest.of("tag", Map.of(), "alice")).id();
        first.close();

        RunEngine second = engine(
                ScriptedProcess.of("tag", writing("tag", ledger::write), writing("push", ledger::write)),
                Duration.ZERO);
        second.resumeUnfinished();

        Run run = second.awaitEnd(id, WAIT);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .isEqualTo(
                        "process 'tag' now defines steps [tag, push] but the run recorded [tag]; it cannot continue");
        assertThat(ledger.allWrites()).isEmpty();
    }

    @Test
    void aClosedEngineRefusesNewWork() {
        RunEngine engine = engine(ScriptedProcess.of("tag", writing("tag", ledger::write)), Duration.ZERO);
        engine.close();

        assertThatThrownBy(() -> engine.start(RunRequest.of("tag", Map.of(), "alice")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("run engine is closed");
    }
}
