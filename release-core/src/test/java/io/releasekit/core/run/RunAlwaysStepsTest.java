package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.always;
import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.step;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps that run always, like {@code finally}: restoring a chat topic after a deployment (seed 004). */
class RunAlwaysStepsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final GuardConfig fast = GuardConfig.defaults()
            .withWindow(2, 2)
            .withWaits(Duration.ofMillis(200), Duration.ofMillis(1))
            .withMaxAttempts(1);
    private final ServiceGuards guards = ServiceGuards.builder()
            .defaults(fast)
            .service("github", fast.withWaits(Duration.ofMinutes(5), Duration.ofMillis(1)))
            .build();
    private final RunStore store = new InMemoryRunStore();
    private final Ledger ledger = new Ledger();
    private final List<RunEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(RunEngine::close);
        guards.close();
    }

    private RunEngine engine(ProcessDefinition definition) {
        return engine(definition, Duration.ZERO, Duration.ofSeconds(10));
    }

    private RunEngine engine(ProcessDefinition definition, Duration replayInterval, Duration grace) {
        RunEngine e = RunEngine.builder()
                .store(store)
                .guards(guards)
                .define(definition)
                .replayInterval(replayInterval)
                .shutdownGrace(grace)
                .build();
        engines.add(e);
        return e;
    }

    private static Step failing(String name) {
        return writing(name, ctx -> {
            throw new InvalidInputException("image quay.io/packit/api:prod-2025-01-07 not found");
        });
    }

    private Run runToEnd(RunEngine engine, String kind) {
        return engine.awaitEnd(
                engine.start(RunRequest.of(kind, Map.of(), "alice")).id(), WAIT);
    }

    @Test
    void onSuccessAStepThatRunsAlwaysRunsInItsPlaceOnce() {
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                writing("move-stable", ledger::write),
                always(writing("restore-topic", ledger::write))));

        Run run = runToEnd(engine, "deploy");

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(ledger.order()).containsExactly("set-topic", "move-stable", "restore-topic");
        assertThat(ledger.executions(run.id() + ":restore-topic")).isEqualTo(1);
    }

    @Test
    void afterAFailureOnlyTheStepsThatRunAlwaysRunAndThenTheRunFails() {
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                failing("verify-images"),
                writing("move-stable", ledger::write),
                always(writing("restore-topic", ledger::write)),
                writing("blog-post", ledger::write),
                always(writing("unlock", ledger::write))));

        Run run = runToEnd(engine, "deploy");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .isEqualTo("step 'verify-images' failed: image quay.io/packit/api:prod-2025-01-07 not found");
        assertThat(ledger.order()).containsExactly("set-topic", "restore-topic", "unlock");
        assertThat(run.step("move-stable").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(run.step("blog-post").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(engine.events(run.id(), 0))
                .extracting(e -> e.type() + " " + (e.step() == null ? e.data().get("state") : e.step()))
                .endsWith(
                        "STEP_FAILED verify-images",
                        "STEP_STARTED restore-topic",
                        "STEP_FINISHED restore-topic",
                        "STEP_STARTED unlock",
                        "STEP_FINISHED unlock",
                        "RUN_STATE_CHANGED FAILED");
    }

    @Test
    void aStepThatRunsAlwaysFailingTooDoesNotHideTheFirstFailure() {
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                failing("verify-images"),
                always(failing("restore-topic")),
                always(writing("unlock", ledger::write))));

        Run run = runToEnd(engine, "deploy");

        assertThat(run.reason()).startsWith("step 'verify-images' failed");
        assertThat(run.step("restore-topic").orElseThrow().state()).isEqualTo(StepState.FAILED);
        assertThat(ledger.order()).containsExactly("set-topic", "unlock");
    }

    @Test
    void afterACancelTheStepsThatRunAlwaysRun() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                writing("wait-for-images", ctx -> {
                    waiting.countDown();
                    never.await();
                    return ledger.write(ctx);
                }),
                writing("move-stable", ledger::write),
                always(writing("restore-topic", ledger::write))));
        Run run = engine.start(RunRequest.of("deploy", Map.of(), "alice"));
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        engine.cancel(run.id(), "bob");

        await().atMost(WAIT).until(() -> ledger.writes(run.id() + ":restore-topic") == 1);
        await().atMost(WAIT)
                .until(() ->
                        engine.run(run.id()).step("restore-topic").orElseThrow().state() == StepState.SUCCEEDED);
        Run after = engine.run(run.id());
        assertThat(after.state()).isEqualTo(RunState.CANCELLED);
        assertThat(after.step("move-stable").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(ledger.order()).containsExactly("set-topic", "restore-topic");
    }

    @Test
    void aCancelNeverInterruptsAStepThatRunsAlways() throws Exception {
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                always(writing("restore-topic", ctx -> {
                    restoring.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return ledger.write(ctx);
                })),
                writing("blog-post", ledger::write)));
        Run run = engine.start(RunRequest.of("deploy", Map.of(), "alice"));
        assertThat(restoring.await(10, TimeUnit.SECONDS)).isTrue();

        engine.cancel(run.id(), "bob");
        release.countDown();

        await().atMost(WAIT)
                .until(() ->
                        engine.run(run.id()).step("restore-topic").orElseThrow().state() == StepState.SUCCEEDED);
        assertThat(interrupted).isFalse();
        assertThat(engine.run(run.id()).step("blog-post").orElseThrow().state()).isEqualTo(StepState.PENDING);
    }

    @Test
    void noGoRunsNoStepThatRunsAlways() {
        RunEngine engine = engine(ScriptedProcess.of(
                "deploy",
                reading("check-staging", ctx -> StepOutcome.succeeded("ok")),
                step("move-stable", true, List.of(ServiceNeed.strict("github")), ledger::write),
                always(writing("restore-topic", ledger::write))));
        while (guards.status("github").state() != BreakerState.OPEN) {
            assertThatThrownBy(() -> guards.call("github", () -> {
                throw new ServiceUnavailableException("github", "502");
            }));
        }

        Run run = runToEnd(engine, "deploy");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).startsWith("NO-GO");
        assertThat(ledger.allWrites()).isEmpty();
    }

    @Test
    void aStepThatRunsAlwaysDeferredInAFailedRunIsReplayedWhenItsServiceIsBack() {
        FakeChatServer matrix = new FakeChatServer("matrix").otherwise(FakeChatServer.Answer.DOWN);
        RunEngine engine = engine(
                ScriptedProcess.of(
                        "deploy",
                        writing("move-stable", ledger::write),
                        failing("verify-images"),
                        always(step(
                                "restore-topic",
                                true,
                                List.of(ServiceNeed.deferrable("matrix")),
                                ctx -> StepOutcome.succeeded(ctx.guards()
                                        .call("matrix", () -> matrix.send(ctx.idempotencyKey(), "topic")))))),
                Duration.ZERO,
                Duration.ofSeconds(10));

        Run run = runToEnd(engine, "deploy");
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.step("restore-topic").orElseThrow().state()).isEqualTo(StepState.DEFERRED);

        matrix.otherwise(FakeChatServer.Answer.UP);
        assertThat(engine.replayDeferred()).containsExactly(run.id());

        await().atMost(WAIT)
                .until(() ->
                        engine.run(run.id()).step("restore-topic").orElseThrow().state() == StepState.SUCCEEDED);
        Run after = engine.run(run.id());
        assertThat(after.state()).isEqualTo(RunState.FAILED);
        assertThat(after.reason()).startsWith("step 'verify-images' failed");
        assertThat(matrix.posts()).containsOnlyKeys(run.id() + ":restore-topic");
    }

    @Test
    void aRunInterruptedWhileRunningItsStepsThatRunAlwaysFinishesThemAfterARestart() throws Exception {
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean(true);
        ProcessDefinition deploy = ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                failing("verify-images"),
                always(writing("restore-topic", ctx -> {
                    StepOutcome o = ledger.write(ctx);
                    if (block.get()) {
                        restoring.countDown();
                        never.await();
                    }
                    return o;
                })),
                always(writing("unlock", ledger::write)));
        RunEngine first = engine(deploy, Duration.ZERO, Duration.ZERO);
        String id = first.start(RunRequest.of("deploy", Map.of(), "alice")).id();
        assertThat(restoring.await(10, TimeUnit.SECONDS)).isTrue();
        first.close();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RunState.RUNNING);

        block.set(false);
        RunEngine second = engine(deploy);
        second.resumeUnfinished();

        Run run = second.awaitEnd(id, WAIT);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.step("restore-topic").orElseThrow().attempts()).isEqualTo(2);
        assertThat(ledger.writes(id + ":restore-topic")).isEqualTo(1);
        assertThat(ledger.writes(id + ":unlock")).isEqualTo(1);
    }

    @Test
    void cancellingARunADeadEngineLeftRunningStillRunsItsStepsThatRunAlways() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ProcessDefinition deploy = ScriptedProcess.of(
                "deploy",
                writing("set-topic", ledger::write),
                writing("wait-for-images", ctx -> {
                    waiting.countDown();
                    never.await();
                    return ledger.write(ctx);
                }),
                always(writing("restore-topic", ledger::write)));
        RunEngine first = engine(deploy, Duration.ZERO, Duration.ZERO);
        String id = first.start(RunRequest.of("deploy", Map.of(), "alice")).id();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        first.close();

        RunEngine second = engine(deploy); // no resumeUnfinished: an operator cancels the stuck run instead
        second.cancel(id, "bob");

        await().atMost(WAIT).until(() -> ledger.writes(id + ":restore-topic") == 1);
        await().atMost(WAIT)
                .until(() -> second.run(id).step("restore-topic").orElseThrow().state() == StepState.SUCCEEDED);
        assertThat(second.run(id).state()).isEqualTo(RunState.CANCELLED);
    }
}
