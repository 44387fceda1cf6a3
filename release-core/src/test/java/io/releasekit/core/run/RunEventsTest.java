package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final CountDownLatch firstStepDone = new CountDownLatch(1);
    private final CountDownLatch followerReady = new CountDownLatch(1);
    private final RunStore store = new InMemoryRunStore();
    private final RunEngine engine = RunEngine.builder()
            .store(store)
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .progressInterval(Duration.ZERO)
            .followPollInterval(Duration.ofMillis(20))
            .define(
                    ScriptedProcess.of("release", writing("tag", ledger::write), writing("announce", ledger::write)),
                    ScriptedProcess.of(
                            "publish",
                            writing("prepare", ctx -> {
                                StepOutcome o = ledger.write(ctx);
                                firstStepDone.countDown();
                                return o;
                            }),
                            writing("upload", ctx -> {
                                followerReady.await(10, TimeUnit.SECONDS);
                                for (int i = 1; i <= 200; i++) {
                                    ctx.progress(i, 200, i * 10L);
                                }
                                return ledger.write(ctx);
                            })))
            .build();

    @AfterEach
    void close() {
        engine.close();
        guards.close();
    }

    @Test
    void aRunEmitsTypedEventsInOrder() {
        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("release", Map.of(), "alice")).id(), WAIT);

        List<RunEvent> events = engine.events(run.id(), 0);
        assertThat(events)
                .extracting(e -> e.type() + (e.step() == null ? " " + e.data().get("state") : " " + e.step()))
                .containsExactly(
                        "RUN_STATE_CHANGED QUEUED",
                        "RUN_STATE_CHANGED RUNNING",
                        "STEP_STARTED tag",
                        "STEP_FINISHED tag",
                        "STEP_STARTED announce",
                        "STEP_FINISHED announce",
                        "RUN_STATE_CHANGED SUCCEEDED");
        assertThat(events).extracting(RunEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events.get(3).data()).containsEntry("outcome", "SUCCEEDED");
    }

    @Test
    void aLateFollowerGetsTheStoredEventsThenTheLiveOnesWithoutGapOrDuplicate() throws Exception {
        Run run = engine.start(RunRequest.of("publish", Map.of(), "alice"));
        assertThat(firstStepDone.await(10, TimeUnit.SECONDS)).isTrue();
        List<RunEvent> followed = new CopyOnWriteArrayList<>();

        try (Subscription s = engine.follow(run.id(), 0, followed::add)) {
            followerReady.countDown(); // 200 progress events now race with the follower's catch-up
            engine.awaitEnd(run.id(), WAIT);
            await().atMost(WAIT)
                    .until(() -> followed.size() == engine.events(run.id(), 0).size());
        }

        List<RunEvent> stored = engine.events(run.id(), 0);
        assertThat(followed).containsExactlyElementsOf(stored);
        assertThat(followed)
                .extracting(RunEvent::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(followed)
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_PROGRESS)
                .hasSize(200);
    }

    @Test
    void followingFromASequenceResumesAfterIt() {
        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("release", Map.of(), "alice")).id(), WAIT);
        List<RunEvent> followed = new CopyOnWriteArrayList<>();

        engine.follow(run.id(), 4, followed::add).close();

        assertThat(followed).extracting(RunEvent::sequence).containsExactly(5L, 6L, 7L);
    }

    @Test
    void eventsStoredByAnotherReplicaReachTheFollowerInOrder() {
        Run run = engine.start(RunRequest.of("release", Map.of(), "alice"));
        Run ended = engine.awaitEnd(run.id(), WAIT);
        List<RunEvent> followed = new CopyOnWriteArrayList<>();
        long stored = engine.events(run.id(), 0).size();

        try (Subscription s = engine.follow(run.id(), stored, followed::add)) {
            // another replica appends straight to the shared store: no live delivery here
            store.append(RunEvent.of(
                    ended.id(), RunEvent.Type.STEP_PROGRESS, "announce", Instant.now(), Map.of("done", "1")));
            store.append(RunEvent.of(
                    ended.id(), RunEvent.Type.STEP_PROGRESS, "announce", Instant.now(), Map.of("done", "2")));

            await().atMost(WAIT).until(() -> followed.size() == 2);
        }

        assertThat(followed).extracting(RunEvent::sequence).containsExactly(stored + 1, stored + 2);
    }

    @Test
    void aLiveEventAfterAGapFillsTheGapFromTheStoreFirst() {
        RunEngine noPolling = RunEngine.builder()
                .store(store)
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .define(ScriptedProcess.of("held", writing("x", ledger::write))
                        .withPolicy(io.releasekit.core.approval.ApprovalPolicy.releaseManagers(1)))
                .build();
        try {
            Run run = noPolling.start(RunRequest.of("held", Map.of(), "alice"));
            List<RunEvent> followed = new CopyOnWriteArrayList<>();
            try (Subscription s = noPolling.follow(run.id(), 1, followed::add)) {
                store.append(RunEvent.of(
                        run.id(), RunEvent.Type.APPROVAL_RECORDED, null, Instant.now(), Map.of("principal", "x")));
                assertThat(followed).isEmpty();

                noPolling.cancel(run.id(), "alice"); // live event #3 reveals the gap at #2

                assertThat(followed).extracting(RunEvent::sequence).containsExactly(2L, 3L);
            }
        } finally {
            noPolling.close();
        }
    }

    @Test
    void anUnsubscribedListenerReceivesNothingMore() {
        List<RunEvent> all = new CopyOnWriteArrayList<>();
        Subscription s = engine.subscribeAll(all::add);
        Run first = engine.awaitEnd(
                engine.start(RunRequest.of("release", Map.of(), "alice")).id(), WAIT);
        s.close();
        engine.awaitEnd(
                engine.start(RunRequest.of("release", Map.of(), "alice")).id(), WAIT);

        assertThat(all).extracting(RunEvent::runId).containsOnly(first.id());
    }
}
