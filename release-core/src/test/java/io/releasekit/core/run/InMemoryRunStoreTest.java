package io.releasekit.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.approval.ApprovalPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryRunStoreTest {

    private static final Instant T0 = Instant.parse("2025-01-07T10:00:00Z");

    private final InMemoryRunStore store = new InMemoryRunStore();

    private static Run run(String id, String kind, String key) {
        return new Run(
                id,
                kind,
                RunParameters.empty(),
                false,
                "alice",
                key,
                "sha256:x",
                RunState.QUEUED,
                ApprovalPolicy.none(),
                List.of(),
                List.of(StepRecord.pending("a")),
                null,
                T0,
                T0,
                0);
    }

    @Test
    void createStampsVersionOneAndUpdateIsACompareAndSet() {
        Run created = store.create(run("r1", "git.tag", null));
        assertThat(created.version()).isEqualTo(1);

        Run updated = store.update(created.withState(RunState.RUNNING, null, T0));
        assertThat(updated.version()).isEqualTo(2);

        assertThatThrownBy(() -> store.update(created.withState(RunState.CANCELLED, "late", T0)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("run 'r1' was changed concurrently: stored version 2, update based on version 1");
        assertThat(store.find("r1").orElseThrow().state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void writesARunChangeAndItsEventsTogether() {
        Run created = store.create(run("r1", "git.tag", null));
        store.append(event("r1", RunEvent.Type.APPROVAL_RECORDED));

        RunStore.Written written = store.update(
                created.withState(RunState.RUNNING, null, T0),
                List.of(event("r1", RunEvent.Type.RUN_STATE_CHANGED), event("r1", RunEvent.Type.STEP_STARTED)));

        assertThat(written.run().version()).isEqualTo(2);
        assertThat(written.events()).extracting(RunEvent::sequence).containsExactly(2L, 3L);
        assertThat(store.events("r1", 1)).containsExactlyElementsOf(written.events());
        assertThat(store.find("r1").orElseThrow()).isEqualTo(written.run());
    }

    @Test
    void aRefusedEventLeavesNeitherTheChangeNorAnyEvent() {
        Run created = store.create(run("r1", "git.tag", null));
        store.create(run("r2", "git.tag", null));

        assertThatThrownBy(() -> store.update(
                        created.withState(RunState.RUNNING, null, T0),
                        List.of(event("r1", RunEvent.Type.RUN_STATE_CHANGED), event("r2", RunEvent.Type.STEP_STARTED))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'r2'");

        assertThat(store.find("r1").orElseThrow()).isEqualTo(created);
        assertThat(store.events("r1", 0)).isEmpty();
        assertThat(store.events("r2", 0)).isEmpty();
    }

    @Test
    void aStaleChangeWritesNoEvents() {
        Run created = store.create(run("r1", "git.tag", null));
        store.update(created.withState(RunState.RUNNING, null, T0));

        assertThatThrownBy(() -> store.update(
                        created.withState(RunState.CANCELLED, "late", T0),
                        List.of(event("r1", RunEvent.Type.RUN_STATE_CHANGED))))
                .isInstanceOf(ConflictException.class);

        assertThat(store.events("r1", 0)).isEmpty();
    }

    @Test
    void createsARunWithItsFirstEventsAndNoneForATakenKey() {
        RunStore.Written first =
                store.create(run("r1", "git.tag", "k1"), List.of(event("r1", RunEvent.Type.RUN_STATE_CHANGED)));
        RunStore.Written again =
                store.create(run("r2", "git.tag", "k1"), List.of(event("r2", RunEvent.Type.RUN_STATE_CHANGED)));

        assertThat(first.events()).extracting(RunEvent::sequence).containsExactly(1L);
        assertThat(again.run()).isEqualTo(first.run());
        assertThat(again.events()).isEmpty();
        assertThat(store.events("r1", 0)).hasSize(1);
        assertThat(store.find("r2")).isEmpty();
        assertThatThrownBy(() ->
                        store.create(run("r3", "git.tag", null), List.of(event("r1", RunEvent.Type.RUN_STATE_CHANGED))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find("r3")).isEmpty();
        assertThat(store.events("r1", 0)).hasSize(1);
    }

    private static RunEvent event(String runId, RunEvent.Type type) {
        return RunEvent.of(runId, type, null, T0, Map.of("k", "v"));
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        Run created = store.create(run("r1", "git.tag", null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String reason = "writer " + i;
            calls.add(() -> {
                try {
                    store.update(created.withState(RunState.RUNNING, reason, T0));
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            });
        }
        int wins = 0;
        for (Future<Boolean> f : pool.invokeAll(calls)) {
            wins += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(wins).isEqualTo(1);
        assertThat(store.find("r1").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aSecondRunWithTheSameIdempotencyKeyGetsTheFirstOne() {
        Run first = store.create(run("r1", "git.tag", "key"));
        Run second = store.create(run("r2", "git.tag", "key"));

        assertThat(second.id()).isEqualTo("r1");
        assertThat(store.findByIdempotencyKey("key")).contains(first);
        assertThat(store.find("r2")).isEmpty();
        assertThatThrownBy(() -> store.create(run("r1", "git.tag", null))).isInstanceOf(ConflictException.class);
    }

    @Test
    void listsNewestFirstFilteredByStateAndKind() {
        store.create(run("r1", "git.tag", null));
        store.create(run("r2", "publish", null));
        Run r3 = store.create(run("r3", "git.tag", null));
        store.update(r3.withState(RunState.RUNNING, null, T0));

        assertThat(store.list(RunQuery.all())).extracting(Run::id).containsExactly("r3", "r2", "r1");
        assertThat(store.list(new RunQuery(Optional.empty(), Optional.of("git.tag"), 10)))
                .extracting(Run::id)
                .containsExactly("r3", "r1");
        assertThat(store.list(new RunQuery(Optional.of(RunState.QUEUED), Optional.empty(), 1)))
                .extracting(Run::id)
                .containsExactly("r2");
    }

    @Test
    void eventsGetIncreasingSequenceNumbersPerRun() {
        store.create(run("r1", "git.tag", null));
        store.create(run("r2", "git.tag", null));

        store.append(RunEvent.of("r1", RunEvent.Type.RUN_STATE_CHANGED, null, T0, Map.of("state", "QUEUED")));
        store.append(RunEvent.of("r2", RunEvent.Type.RUN_STATE_CHANGED, null, T0, Map.of("state", "QUEUED")));
        RunEvent second = store.append(RunEvent.of("r1", RunEvent.Type.STEP_STARTED, "a", T0, Map.of()));

        assertThat(second.sequence()).isEqualTo(2);
        assertThat(store.events("r1", 0)).extracting(RunEvent::sequence).containsExactly(1L, 2L);
        assertThat(store.events("r1", 1)).extracting(RunEvent::type).containsExactly(RunEvent.Type.STEP_STARTED);
        assertThat(store.events("r1", 2)).isEmpty();
        assertThat(store.events("r2", 0)).hasSize(1);
        assertThatThrownBy(() -> store.append(RunEvent.of("nope", RunEvent.Type.STEP_STARTED, "a", T0, Map.of())))
                .isInstanceOf(NotFoundException.class);
    }
}
