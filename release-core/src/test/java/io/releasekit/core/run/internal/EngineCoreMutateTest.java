package io.releasekit.core.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.InMemoryRunStore;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A change that starts from a run the engine already holds gives the outcome a fresh read would have given. */
class EngineCoreMutateTest {

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final InMemoryRunStore store = new InMemoryRunStore();
    private final EngineCore core = new EngineCore(store, guards, Clock.systemUTC(), new Definitions(), Duration.ZERO);

    @AfterEach
    void close() {
        guards.close();
    }

    private Run stored(RunState state) {
        Instant now = Instant.now();
        return store.create(new Run(
                "run-1",
                "k",
                RunParameters.empty(),
                false,
                "alice",
                null,
                "hash",
                state,
                ApprovalPolicy.none(),
                List.of(),
                List.of(),
                null,
                now,
                now,
                0));
    }

    @Test
    void aStaleRunIsRefusedByTheCompareAndSetAndTheChangeIsAppliedToTheStoredOne() {
        // given: the engine holds the run as created, another writer stored a newer version with a reason
        Run seen = stored(RunState.RUNNING);
        store.update(seen.withState(RunState.RUNNING, "changed elsewhere", Instant.now()));
        AtomicInteger asked = new AtomicInteger();

        // when
        Optional<Run> out = core.mutate(seen, cur -> {
            asked.incrementAndGet();
            return cur.withState(RunState.SUCCEEDED, cur.reason(), Instant.now());
        });

        // then: the second attempt saw the other writer's change and kept it
        assertThat(out)
                .get()
                .extracting(Run::state, Run::reason, Run::version)
                .containsExactly(RunState.SUCCEEDED, "changed elsewhere", seen.version() + 2);
        assertThat(asked).hasValue(2);
    }

    @Test
    void aChangeThatGivesUpOnAStaleRunIsAskedAgainWithTheStoredRun() {
        // given: the engine saw the run queued; it is running now
        Run seen = stored(RunState.QUEUED);
        store.update(seen.withState(RunState.RUNNING, null, Instant.now()));

        // when: the change only applies to a running run
        Optional<Run> out = core.mutate(
                seen,
                cur -> cur.state() == RunState.RUNNING ? cur.withState(RunState.SUCCEEDED, null, Instant.now()) : null);

        // then
        assertThat(out).get().extracting(Run::state).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aChangeThatGivesUpOnTheStoredRunGivesUp() {
        Run seen = stored(RunState.QUEUED);

        Optional<Run> out = core.mutate(seen, cur -> null);

        assertThat(out).isEmpty();
        assertThat(store.find("run-1")).get().extracting(Run::version).isEqualTo(seen.version());
    }
}
