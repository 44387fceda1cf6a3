package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.ConflictException;
import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often the engine goes to its store while it executes a run: each call is a database round trip in the service
 * (bench/engine.sh measures them per run). Steps start from the run the engine has just read or written, and re-read it
 * only when a compare-and-set finds it changed.
 */
class RunStoreRoundTripsTest {

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final CountingStore store = new CountingStore(new InMemoryRunStore());
    private final ManualDispatcher dispatcher = new ManualDispatcher();

    @AfterEach
    void close() {
        guards.close();
    }

    private RunEngine engine(ProcessDefinition definition) {
        return RunEngine.builder()
                .guards(guards)
                .store(store)
                .define(definition)
                .dispatcher(e -> dispatcher)
                .build();
    }

    private static ScriptedProcess fiveSteps() {
        return ScriptedProcess.of(
                "five",
                reading("one", ctx -> StepOutcome.succeeded("1")),
                reading("two", ctx -> StepOutcome.succeeded("2")),
                writing("three", ctx -> StepOutcome.succeeded("3")),
                writing("four", ctx -> StepOutcome.succeeded("4")),
                writing("five", ctx -> StepOutcome.succeeded("5")));
    }

    @Test
    void aFiveStepRunReadsItsRunOncePerStepAndWritesThreeTimesPerStep() {
        try (RunEngine engine = engine(fiveSteps())) {
            // given
            String id = engine.start(RunRequest.of("five", Map.of(), "alice")).id();
            store.reset();

            // when
            Run run = engine.advance(id);

            // then
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.steps()).extracting(StepRecord::attempts).containsOnly(1);
            // per step: the claim, STEP_STARTED, the result with its event; per run: RUNNING and the end
            assertThat(store.writes.get()).isEqualTo(5 * 3 + 2);
            // per step one read before it starts; per run: the advance's entry, the RUNNING transition, the step
            // definitions, the end and the run returned
            assertThat(store.reads.get()).isEqualTo(5 + 6);
        }
    }

    @Test
    void aStepClaimedFromAStaleRunReadsAgainAndRunsOnce() {
        AtomicInteger executions = new AtomicInteger();
        try (RunEngine engine = engine(ScriptedProcess.of(
                "stale",
                reading("one", ctx -> {
                    executions.incrementAndGet();
                    return StepOutcome.succeeded("1");
                }),
                reading("two", ctx -> StepOutcome.succeeded("2"))))) {
            // given: after the change to RUNNING, the run changes behind the engine's back before the claim of the
            // first step and before its result is stored
            String id = engine.start(RunRequest.of("stale", Map.of(), "alice")).id();
            store.touchUpdates(id, 1, 2);

            // when
            Run run = engine.advance(id);

            // then
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.steps()).extracting(StepRecord::attempts).containsOnly(1);
            assertThat(executions).hasValue(1);
            assertThat(store.conflicts.get()).isEqualTo(2);
        }
    }

    /** Counts the store's reads and writes of runs and events. */
    private static final class CountingStore implements RunStore {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();
        private final RunStore delegate;
        private final AtomicInteger skipped = new AtomicInteger();
        private final AtomicInteger touches = new AtomicInteger();
        private volatile String touched;

        CountingStore(RunStore delegate) {
            this.delegate = delegate;
        }

        void reset() {
            reads.set(0);
            writes.set(0);
        }

        /**
         * After {@code skip} updates of the run, before each of the next {@code n}, another writer changes it (its
         * version goes up).
         */
        void touchUpdates(String runId, int skip, int n) {
            touched = runId;
            skipped.set(skip);
            touches.set(n);
        }

        private void touch(Run run) {
            if (run.id().equals(touched) && skipped.getAndDecrement() <= 0 && touches.getAndDecrement() > 0) {
                Run current = delegate.find(run.id()).orElseThrow();
                delegate.update(current);
            }
        }

        @Override
        public Run create(Run run) {
            writes.incrementAndGet();
            return delegate.create(run);
        }

        @Override
        public Written create(Run run, List<RunEvent> events) {
            writes.incrementAndGet();
            return delegate.create(run, events);
        }

        @Override
        public Optional<Run> find(String id) {
            reads.incrementAndGet();
            return delegate.find(id);
        }

        @Override
        public Optional<Run> findByIdempotencyKey(String key) {
            reads.incrementAndGet();
            return delegate.findByIdempotencyKey(key);
        }

        @Override
        public List<Run> list(RunQuery query) {
            reads.incrementAndGet();
            return delegate.list(query);
        }

        @Override
        public Run update(Run run) {
            writes.incrementAndGet();
            touch(run);
            try {
                return delegate.update(run);
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public Written update(Run run, List<RunEvent> events) {
            writes.incrementAndGet();
            touch(run);
            try {
                return delegate.update(run, events);
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public RunEvent append(RunEvent event) {
            writes.incrementAndGet();
            return delegate.append(event);
        }

        @Override
        public List<RunEvent> events(String runId, long afterSequence) {
            reads.incrementAndGet();
            return delegate.events(runId, afterSequence);
        }
    }
}
