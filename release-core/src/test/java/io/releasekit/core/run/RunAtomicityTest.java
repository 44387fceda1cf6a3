package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.always;
import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run change and the event announcing it are one store write: the engine never stores a state change, an approval or
 * a step's end without its event, so a crash between the two cannot lose the event.
 */
class RunAtomicityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<RunEvent.Type> ANNOUNCING = EnumSet.of(
            RunEvent.Type.RUN_STATE_CHANGED,
            RunEvent.Type.APPROVAL_RECORDED,
            RunEvent.Type.STEP_FINISHED,
            RunEvent.Type.STEP_FAILED,
            RunEvent.Type.STEP_DEFERRED);

    private final RecordingStore store = new RecordingStore();
    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final CountDownLatch release = new CountDownLatch(1);
    private final RunEngine engine = RunEngine.builder()
            .store(store)
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .define(
                    ScriptedProcess.of(
                                    "approved",
                                    writing("ok", ctx -> StepOutcome.succeeded("done", Map.of())),
                                    reading("nothing-to-do", ctx -> StepOutcome.skipped("already there", Map.of())),
                                    writing("boom", ctx -> {
                                        throw new IllegalStateException("disk full");
                                    }),
                                    always(reading("cleanup", ctx -> StepOutcome.succeeded("cleaned", Map.of()))))
                            .withPolicy(ApprovalPolicy.releaseManagers(2)),
                    ScriptedProcess.of("waiting", writing("wait", ctx -> {
                        release.await(10, TimeUnit.SECONDS);
                        return StepOutcome.succeeded("waited", Map.of());
                    })))
            .build();

    @AfterEach
    void close() {
        release.countDown();
        engine.close();
        guards.close();
    }

    @Test
    void everyStateChangeApprovalAndStepEndIsWrittenTogetherWithItsEvent() {
        Run run = engine.start(RunRequest.of("approved", Map.of(), "alice"));
        engine.approve(run.id(), "bob", Set.of(ApprovalPolicy.RELEASE_MANAGER), null);
        engine.approve(run.id(), "carol", Set.of(ApprovalPolicy.RELEASE_MANAGER), null);

        Run ended = engine.awaitEnd(run.id(), WAIT);

        assertThat(ended.state()).isEqualTo(RunState.FAILED);
        assertThat(store.separate).as("changes stored without their event").isEmpty();
        assertThat(store.lone)
                .as("announcing events stored apart from their change")
                .isEmpty();
        assertThat(engine.events(run.id(), 0))
                .extracting(e -> e.type() + (e.step() == null ? "" : ":" + e.step()))
                .containsSubsequence(
                        "RUN_STATE_CHANGED",
                        "APPROVAL_RECORDED",
                        "APPROVAL_RECORDED",
                        "RUN_STATE_CHANGED",
                        "RUN_STATE_CHANGED",
                        "STEP_FINISHED:ok",
                        "STEP_FINISHED:nothing-to-do",
                        "STEP_FAILED:boom",
                        "STEP_FINISHED:cleanup",
                        "RUN_STATE_CHANGED");
    }

    @Test
    void aCrashWhileRecordingACancelLeavesNeitherTheCancelNorItsEvent() {
        Run run = engine.start(RunRequest.of("waiting", Map.of(), "alice"));
        awaitState(run.id(), RunState.RUNNING);
        long eventsBefore = engine.events(run.id(), 0).size();
        store.crashOn.set(RunEvent.Type.RUN_STATE_CHANGED);

        assertThatThrownBy(() -> engine.cancel(run.id(), "bob")).hasMessageContaining("simulated crash");

        assertThat(engine.run(run.id()).state()).isEqualTo(RunState.RUNNING);
        assertThat(engine.events(run.id(), 0)).hasSize((int) eventsBefore);
        // nothing half-written: the cancel can simply be tried again
        Run cancelled = engine.cancel(run.id(), "bob");
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(engine.events(run.id(), eventsBefore)).first().satisfies(e -> assertThat(e.data())
                .containsEntry("state", "CANCELLED"));
    }

    private void awaitState(String runId, RunState state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CountDownLatch reached = new CountDownLatch(1);
        try (Subscription s = engine.follow(runId, 0, e -> {
            if (e.type() == RunEvent.Type.STEP_STARTED) {
                reached.countDown();
            }
        })) {
            assertThat(reached.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(engine.run(runId).state()).isEqualTo(state);
    }

    /**
     * The reference store, watching how the engine writes: a plain update that changes the run's state, its approvals
     * or ends a step is a change without its event; an announcing event appended on its own is an event without its
     * change. It can also crash an atomic write before it reaches the store.
     */
    private static final class RecordingStore implements RunStore {
        private final InMemoryRunStore delegate = new InMemoryRunStore();
        final List<String> separate = new CopyOnWriteArrayList<>();
        final List<String> lone = new CopyOnWriteArrayList<>();
        final AtomicReference<RunEvent.Type> crashOn = new AtomicReference<>();

        @Override
        public Run create(Run run) {
            separate.add("create " + run.id());
            return delegate.create(run);
        }

        @Override
        public Written create(Run run, List<RunEvent> events) {
            return delegate.create(run, events);
        }

        @Override
        public Optional<Run> find(String id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Run> findByIdempotencyKey(String key) {
            return delegate.findByIdempotencyKey(key);
        }

        @Override
        public List<Run> list(RunQuery query) {
            return delegate.list(query);
        }

        @Override
        public Run update(Run run) {
            Run stored = delegate.find(run.id()).orElseThrow();
            if (stored.state() != run.state() || !stored.approvals().equals(run.approvals())) {
                separate.add("state/approvals of " + run.id());
            }
            for (int i = 0; i < run.steps().size(); i++) {
                StepState before = stored.steps().get(i).state();
                StepState after = run.steps().get(i).state();
                if (before != after && after != StepState.RUNNING && before != StepState.RUNNING) {
                    separate.add("step " + run.steps().get(i).name() + " " + before + " -> " + after);
                }
                if (before == StepState.RUNNING && after.done()) {
                    separate.add("end of step " + run.steps().get(i).name());
                }
            }
            return delegate.update(run);
        }

        @Override
        public Written update(Run run, List<RunEvent> events) {
            if (events.stream().anyMatch(e -> e.type() == crashOn.get())) {
                crashOn.set(null);
                throw new IllegalStateException("simulated crash before the write reached the store");
            }
            return delegate.update(run, events);
        }

        @Override
        public RunEvent append(RunEvent event) {
            if (ANNOUNCING.contains(event.type())) {
                lone.add(event.type() + " " + event.step());
            }
            return delegate.append(event);
        }

        @Override
        public List<RunEvent> events(String runId, long afterSequence) {
            return delegate.events(runId, afterSequence);
        }
    }
}
