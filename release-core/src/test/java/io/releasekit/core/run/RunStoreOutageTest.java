package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an executing run does when its store goes away (a database outage), when its executor loses the run to another
 * one, and when a store or repository it names is no longer configured.
 */
class RunStoreOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FlakyStore store = new FlakyStore();
    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final AtomicInteger executions = new AtomicInteger();
    private RunEngine engine;

    @AfterEach
    void close() {
        store.down.set(false);
        if (engine != null) {
            engine.close();
        }
        guards.close();
    }

    @Test
    void aStepThatRanDuringAnOutageIsRecordedWhenTheStoreIsBackAndNeverRunsAgain() {
        engine = engine(Duration.ofMinutes(2), outageDuringTheStep());
        Run run = engine.start(RunRequest.of("publish", Map.of(), "alice"));

        await().atMost(WAIT).until(() -> store.refused.get() >= 3); // the result waits for the store
        store.down.set(false);
        Run ended = engine.awaitEnd(run.id(), WAIT);

        assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(executions).hasValue(1);
        assertThat(ended.steps()).allSatisfy(s -> assertThat(s.attempts()).isEqualTo(1));
    }

    @Test
    void pastTheOutageLimitTheRunFailsWithThatReasonOnceTheStoreIsBack() {
        engine = engine(Duration.ofMillis(300), outageDuringTheStep());
        Run run = engine.start(RunRequest.of("publish", Map.of(), "alice"));

        await().atMost(WAIT)
                .until(() -> store.firstRefusalNanos.get() != 0
                        && System.nanoTime() - store.firstRefusalNanos.get()
                                > Duration.ofMillis(800).toNanos());
        store.down.set(false);
        Run ended = engine.awaitEnd(run.id(), WAIT);

        assertThat(ended.state()).isEqualTo(RunState.FAILED);
        assertThat(ended.reason()).contains("was unavailable for").contains("longer than the limit");
        assertThat(executions).hasValue(1);
    }

    @Test
    void anExecutorThatLostTheRunStopsWithoutRecordingAndSaysSoInTheEvents() {
        ManualDispatcher dispatcher = new ManualDispatcher();
        engine = RunEngine.builder()
                .store(store)
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .dispatcher(e -> dispatcher)
                .define(ScriptedProcess.of("publish", writing("copy", ctx -> {
                    executions.incrementAndGet();
                    throw new ClaimLostException("run '" + ctx.runId() + "' was taken over by replica 'b'");
                })))
                .build();
        Run run = engine.start(RunRequest.of("publish", Map.of(), "alice"));

        assertThatThrownBy(() -> engine.advance(run.id())).isInstanceOf(ClaimLostException.class);

        Run after = engine.run(run.id());
        assertThat(after.state()).as("left to the new holder").isEqualTo(RunState.RUNNING);
        assertThat(after.steps().get(0).state()).isEqualTo(StepState.RUNNING);
        List<RunEvent> events = engine.events(run.id(), 0);
        assertThat(events).extracting(RunEvent::type).doesNotContain(RunEvent.Type.STEP_FAILED);
        assertThat(events)
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_ABANDONED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo("copy");
                    assertThat(e.data()).containsEntry("attempt", "1");
                    assertThat(e.data().get("summary")).contains("taken over by replica 'b'");
                });
    }

    @Test
    void aRunWhoseStoreWasRemovedFromTheConfigurationFailsWithThatReason() {
        AtomicBoolean removed = new AtomicBoolean();
        ManualDispatcher dispatcher = new ManualDispatcher();
        ProcessDefinition publish = new ProcessDefinition() {
            @Override
            public String kind() {
                return "publish";
            }

            @Override
            public String description() {
                return "publishes to a configured store";
            }

            @Override
            public ParameterSpec parameters() {
                return ParameterSpec.builder().build();
            }

            @Override
            public List<Step> steps(RunParameters p) {
                if (removed.get()) {
                    throw new NotFoundException("no artifact store named 'releases' is configured; configured: []");
                }
                return List.of(writing("copy", ctx -> StepOutcome.succeeded("copied", Map.of())));
            }
        };
        engine = RunEngine.builder()
                .store(store)
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .dispatcher(e -> dispatcher)
                .define(publish)
                .build();
        Run run = engine.start(RunRequest.of("publish", Map.of(), "alice"));
        removed.set(true); // the configuration changed before the run executed (a restart with another config)

        Run after = engine.advance(run.id());

        assertThat(after.state()).isEqualTo(RunState.FAILED);
        assertThat(after.reason()).contains("no artifact store named 'releases' is configured");
    }

    private ScriptedProcess outageDuringTheStep() {
        return ScriptedProcess.of("publish", writing("copy", ctx -> {
            executions.incrementAndGet();
            store.down.set(true); // the database goes away while the step runs
            return StepOutcome.succeeded("copied", Map.of());
        }));
    }

    private RunEngine engine(Duration limit, ProcessDefinition d) {
        return RunEngine.builder()
                .store(store)
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .storeOutageLimit(limit)
                .define(d)
                .build();
    }

    /** A run store in memory that refuses every call while {@code down}, as a database behind a pool does. */
    static final class FlakyStore implements RunStore {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicLong firstRefusalNanos = new AtomicLong();
        private final InMemoryRunStore store = new InMemoryRunStore();

        private void check() {
            if (down.get()) {
                refused.incrementAndGet();
                firstRefusalNanos.compareAndSet(0, System.nanoTime());
                throw new ServiceUnavailableException(
                        "database", "database error (SQLState 08006): connection refused");
            }
        }

        @Override
        public Run create(Run run) {
            check();
            return store.create(run);
        }

        @Override
        public Written create(Run run, List<RunEvent> events) {
            check();
            return store.create(run, events);
        }

        @Override
        public Optional<Run> find(String id) {
            check();
            return store.find(id);
        }

        @Override
        public Optional<Run> findByIdempotencyKey(String key) {
            check();
            return store.findByIdempotencyKey(key);
        }

        @Override
        public List<Run> list(RunQuery query) {
            check();
            return store.list(query);
        }

        @Override
        public Run update(Run run) {
            check();
            return store.update(run);
        }

        @Override
        public Written update(Run run, List<RunEvent> events) {
            check();
            return store.update(run, events);
        }

        @Override
        public RunEvent append(RunEvent event) {
            check();
            return store.append(event);
        }

        @Override
        public List<RunEvent> events(String runId, long afterSequence) {
            check();
            return store.events(runId, afterSequence);
        }
    }
}
