package io.releasekit.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.RunStore;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the JDBC stores, run against each database the service supports (H2 in PostgreSQL mode, PostgreSQL)
 * through the application's real wiring: data source, Flyway migrations, transactions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoresContract {

    private ApplicationContext context;

    /** Data source properties of the database under test. */
    abstract Map<String, Object> datasource();

    ApplicationContext context() {
        if (context == null) {
            context = ApplicationContext.run(datasource(), "test");
        }
        return context;
    }

    @AfterAll
    void close() {
        if (context != null) {
            context.close();
        }
    }

    JdbcRunStore store() {
        return context().getBean(JdbcRunStore.class);
    }

    @Test
    void createsARunAtVersionOneAndFindsIt() {
        Run run = run("deploy", null, Instant.now());

        Run created = store().create(run);

        assertThat(created.version()).isEqualTo(1);
        assertThat(store().find(run.id())).contains(created);
        assertThat(created.parameters().string("service")).isEqualTo("billing");
        assertThat(created.parameters().strings("regions")).containsExactly("eu-central-1", "us-east-1");
        assertThat(created.approvalPolicy()).isEqualTo(ApprovalPolicy.releaseManagers(2));
        assertThat(created.steps()).extracting(StepRecord::name).containsExactly("verify", "publish");
    }

    @Test
    void answersATakenIdempotencyKeyWithTheFirstRun() {
        String key = "key-" + UUID.randomUUID();
        Run first = store().create(run("deploy", key, Instant.now()));

        Run second = store().create(run("deploy", key, Instant.now()));

        assertThat(second).isEqualTo(first);
        assertThat(store().findByIdempotencyKey(key)).contains(first);
        assertThat(store().findByIdempotencyKey("no-such-key")).isEmpty();
    }

    @Test
    void refusesASecondRunWithTheSameId() {
        Run run = store().create(run("deploy", null, Instant.now()));

        assertThatThrownBy(() -> store().create(run))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(run.id());
    }

    @Test
    void updatesOnlyFromTheStoredVersion() {
        Run v1 = store().create(run("deploy", null, Instant.now()));
        Instant later = Instant.now().plusSeconds(5);
        Run changed = v1.withState(RunState.RUNNING, null, later)
                .withStep(
                        new StepRecord(
                                "verify",
                                StepState.SUCCEEDED,
                                1,
                                later,
                                later,
                                "3 artifacts ok",
                                Map.of("count", "3"),
                                List.of()),
                        later)
                .withApprovals(List.of(new Approval("rm1", "release-manager", later, "ok")), later);

        Run v2 = store().update(changed);

        assertThat(v2.version()).isEqualTo(2);
        Run found = store().find(v1.id()).orElseThrow();
        assertThat(found).isEqualTo(v2);
        assertThat(found.state()).isEqualTo(RunState.RUNNING);
        assertThat(found.step("verify").orElseThrow().outputs()).containsEntry("count", "3");
        assertThat(found.approvals()).extracting(Approval::principal).containsExactly("rm1");
        // The writer that still holds version 1 loses.
        assertThatThrownBy(() -> store().update(v1.withState(RunState.CANCELLED, "stop", later)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("expected version 1")
                .hasMessageContaining("stored version is 2");
        assertThat(store().find(v1.id()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void refusesToUpdateAnUnknownRun() {
        assertThatThrownBy(() -> store().update(run("deploy", null, Instant.now())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void numbersConcurrentEventsOfOneRunWithoutGapsOrDuplicates() throws Exception {
        Run run = store().create(run("deploy", null, Instant.now()));
        int threads = 20;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    RunEvent e = store().append(new RunEvent(
                            run.id(),
                            0,
                            RunEvent.Type.STEP_PROGRESS,
                            "publish",
                            Instant.now(),
                            Map.of("thread", "" + thread, "i", "" + i)));
                    assertThat(sequences.add(e.sequence()))
                            .as("sequence %s handed out twice", e.sequence())
                            .isTrue();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<RunEvent> events = store().events(run.id(), 0);
        long n = (long) threads * perThread;
        assertThat(events)
                .extracting(RunEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(sequences).hasSize((int) n);
        assertThat(store().events(run.id(), n - 2))
                .extracting(RunEvent::sequence)
                .containsExactly(n - 1, n);
        assertThat(events.get(0).data()).containsKeys("thread", "i");
        assertThat(events.get(0).step()).isEqualTo("publish");
    }

    @Test
    void writesARunChangeAndItsEventsInOneTransaction() {
        Run v1 = store().create(run("deploy", null, Instant.now()));
        store().append(event(v1.id(), RunEvent.Type.APPROVAL_RECORDED, null));

        RunStore.Written written = store().update(
                        v1.withState(RunState.RUNNING, null, Instant.now()),
                        List.of(
                                event(v1.id(), RunEvent.Type.RUN_STATE_CHANGED, null),
                                event(v1.id(), RunEvent.Type.STEP_STARTED, "verify")));

        assertThat(written.run().version()).isEqualTo(2);
        assertThat(store().find(v1.id())).contains(written.run());
        assertThat(written.events()).extracting(RunEvent::sequence).containsExactly(2L, 3L);
        assertThat(store().events(v1.id(), 1)).containsExactlyElementsOf(written.events());
    }

    @Test
    void aFailingEventInsertRollsTheRunChangeBack() {
        Run v1 = store().create(run("deploy", null, Instant.now()));
        // a step name longer than the column (VARCHAR(200)): the second INSERT INTO run_events fails
        RunEvent failing = event(v1.id(), RunEvent.Type.STEP_FAILED, "s".repeat(300));

        assertThatThrownBy(() -> store().update(
                                v1.withState(RunState.FAILED, "crash", Instant.now()),
                                List.of(event(v1.id(), RunEvent.Type.STEP_STARTED, "verify"), failing)))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("database"));

        assertThat(store().find(v1.id())).contains(v1);
        assertThat(store().events(v1.id(), 0)).isEmpty();
        // the sequence counter was rolled back too: the next event is 1, without a gap
        assertThat(store().append(event(v1.id(), RunEvent.Type.RUN_STATE_CHANGED, null))
                        .sequence())
                .isEqualTo(1);
    }

    @Test
    void aStaleChangeWritesNoEvents() {
        Run v1 = store().create(run("deploy", null, Instant.now()));
        store().update(v1.withState(RunState.RUNNING, null, Instant.now()));

        assertThatThrownBy(() -> store().update(
                                v1.withState(RunState.CANCELLED, "late", Instant.now()),
                                List.of(event(v1.id(), RunEvent.Type.RUN_STATE_CHANGED, null))))
                .isInstanceOf(ConflictException.class);

        assertThat(store().events(v1.id(), 0)).isEmpty();
    }

    @Test
    void createsARunWithItsFirstEventsOrNeither() {
        String key = "key-" + UUID.randomUUID();
        Run run = run("deploy", key, Instant.now());
        Run other = run("deploy", key, Instant.now());
        Run broken = run("deploy", null, Instant.now());

        RunStore.Written first = store().create(run, List.of(event(run.id(), RunEvent.Type.RUN_STATE_CHANGED, null)));
        RunStore.Written again =
                store().create(other, List.of(event(other.id(), RunEvent.Type.RUN_STATE_CHANGED, null)));
        assertThatThrownBy(() -> store().create(
                                broken, List.of(event(broken.id(), RunEvent.Type.RUN_STATE_CHANGED, "s".repeat(300)))))
                .isInstanceOf(ServiceUnavailableException.class);

        assertThat(first.events()).extracting(RunEvent::sequence).containsExactly(1L);
        assertThat(store().events(run.id(), 0)).containsExactlyElementsOf(first.events());
        assertThat(again.run()).isEqualTo(first.run());
        assertThat(again.events()).isEmpty();
        assertThat(store().find(other.id())).isEmpty();
        assertThat(store().find(broken.id()))
                .as("the run of a failed event insert")
                .isEmpty();
    }

    @Test
    void refusesEventsOfAnUnknownRun() {
        assertThatThrownBy(() -> store().append(new RunEvent(
                        "no-such-run", 0, RunEvent.Type.RUN_STATE_CHANGED, null, Instant.now(), Map.of())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-run");
    }

    @Test
    void listsNewestFirstFilteredByStateAndKind() {
        String kind = "kind-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        Run oldest = store().create(run(kind, null, t0));
        Run middle = store().create(run(kind, null, t0.plusSeconds(60)));
        Run newest = store().create(run(kind, null, t0.plusSeconds(120)));
        store().update(middle.withState(RunState.SUCCEEDED, null, t0.plusSeconds(90)));

        assertThat(store().list(new RunQuery(Optional.empty(), Optional.of(kind), 100)))
                .extracting(Run::id)
                .containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(store().list(new RunQuery(Optional.of(RunState.QUEUED), Optional.of(kind), 100)))
                .extracting(Run::id)
                .containsExactly(newest.id(), oldest.id());
        assertThat(store().list(new RunQuery(Optional.of(RunState.SUCCEEDED), Optional.of(kind), 100)))
                .extracting(Run::id)
                .containsExactly(middle.id());
        assertThat(store().list(new RunQuery(Optional.empty(), Optional.of(kind), 1)))
                .extracting(Run::id)
                .containsExactly(newest.id());
        assertThat(store().list(new RunQuery(Optional.of(RunState.QUEUED), Optional.empty(), 1000)))
                .extracting(Run::id)
                .contains(newest.id(), oldest.id())
                .doesNotContain(middle.id());
    }

    @Test
    void recognisesARedeliveredWebhook() {
        JdbcDeliveryLog log = context().getBean(JdbcDeliveryLog.class);
        String id = "delivery-" + UUID.randomUUID();

        assertThat(log.firstSeen(id)).isTrue();
        assertThat(log.firstSeen(id)).isFalse();
        assertThat(log.firstSeen(id + "-other")).isTrue();
        assertThat(log.forgetBefore(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(2);
        assertThat(log.firstSeen(id)).isTrue();
    }

    @Test
    void forgetsOneDeliveryWhoseProcessingFailed() {
        JdbcDeliveryLog log = context().getBean(JdbcDeliveryLog.class);
        String id = "delivery-" + UUID.randomUUID();
        log.firstSeen(id);
        log.firstSeen(id + "-kept");

        assertThat(log.forget(id)).isTrue();
        assertThat(log.forget(id)).isFalse();
        assertThat(log.firstSeen(id)).isTrue();
        assertThat(log.firstSeen(id + "-kept")).isFalse();
    }

    @Test
    void keepsTheLatestGateResultPerBuildAndStage() {
        JdbcGateLedger ledger = context().getBean(JdbcGateLedger.class);
        String build = "build-" + UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        GateResult failed = ledger.record(new GateResult(
                build, "staging", GateStatus.FAILED, "test-ci", t0, Optional.of("https://ci.example/runs/1")));
        GateResult passed = ledger.record(
                new GateResult(build, "staging", GateStatus.PASSED, "test-ci", t0.plusSeconds(1), Optional.empty()));
        GateResult prod = ledger.record(new GateResult(
                build, "production", GateStatus.PASSED, "test-rm1", t0.plusSeconds(2), Optional.empty()));

        assertThat(ledger.latest(build, "staging")).contains(passed);
        assertThat(ledger.latest(build, "production")).contains(prod);
        assertThat(ledger.latest(build, "qa")).isEmpty();
        assertThat(ledger.history(build)).containsExactly(failed, passed, prod);
    }

    static RunEvent event(String runId, RunEvent.Type type, String step) {
        return new RunEvent(runId, 0, type, step, Instant.now(), Map.of("k", "v"));
    }

    static Run run(String kind, String idempotencyKey, Instant createdAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("service", "billing");
        params.put("regions", List.of("eu-central-1", "us-east-1"));
        params.put("force", true);
        return new Run(
                "run-" + UUID.randomUUID(),
                kind,
                RunParameters.of(params),
                false,
                "test-ci",
                idempotencyKey,
                "hash-1",
                RunState.QUEUED,
                ApprovalPolicy.releaseManagers(2),
                List.of(),
                List.of(StepRecord.pending("verify"), StepRecord.pending("publish")),
                null,
                createdAt,
                createdAt,
                0);
    }
}
