package io.releasekit.core.run;

import static io.releasekit.core.run.FakeChatServer.Answer.DOWN;
import static io.releasekit.core.run.FakeChatServer.Answer.LOST_RESPONSE;
import static io.releasekit.core.run.FakeChatServer.Answer.UP;
import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.step;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outage mode with real breakers: services fail for real (steps throw {@link ServiceUnavailableException} through
 * {@link ServiceGuards}), breakers open after two failures, half-open after 200 ms, close after two good probes.
 */
class RunOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String S3 = "s3:eu-central-1";

    private final GuardConfig fast = GuardConfig.defaults()
            .withWindow(2, 2)
            .withWaits(Duration.ofMillis(200), Duration.ofMillis(1))
            .withMaxAttempts(1)
            .withTimeout(Duration.ofSeconds(5));
    /** Outages the test ends itself (or never): the breaker stays open, whatever the machine's speed. */
    private final GuardConfig longOutage = fast.withWaits(Duration.ofMinutes(5), Duration.ofMillis(1));

    private final ServiceGuards guards = ServiceGuards.builder()
            .defaults(fast)
            .service(S3, longOutage)
            .service("mastodon", longOutage)
            .build();
    private final Ledger ledger = new Ledger();
    private final AtomicBoolean s3Up = new AtomicBoolean(true);
    private final List<RunEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(RunEngine::close);
        guards.close();
    }

    private RunEngine engine(Duration replayInterval, ProcessDefinition... definitions) {
        RunEngine e = RunEngine.builder()
                .guards(guards)
                .define(definitions)
                .replayInterval(replayInterval)
                .build();
        engines.add(e);
        return e;
    }

    /** Fails calls to a service until its breaker opens, the way an outage is noticed. */
    private void breakDown(String service) {
        while (guards.status(service).state() != BreakerState.OPEN) {
            assertThatThrownBy(() -> guards.call(service, () -> {
                        throw new ServiceUnavailableException(service, service + " answered 503");
                    }))
                    .isInstanceOf(ServiceUnavailableException.class);
        }
    }

    private Step publish() {
        return step(
                "publish",
                true,
                List.of(ServiceNeed.strict(S3)),
                ctx -> guards.call(S3, () -> {
                    if (!s3Up.get()) {
                        throw new ServiceUnavailableException(S3, "S3 answered 503 SlowDown");
                    }
                    return ledger.write(ctx);
                }));
    }

    private static Step chat(String name, FakeChatServer server, String service) {
        return step(
                name,
                true,
                List.of(ServiceNeed.deferrable(service)),
                ctx -> StepOutcome.succeeded(
                        "posted " + ctx.guards().call(service, () -> server.send(ctx.idempotencyKey(), name))));
    }

    @Test
    void noGoFailsTheRunBeforeAnyWriteWhenAStrictServiceIsDown() {
        FakeChatServer slack = new FakeChatServer("slack");
        RunEngine engine = engine(
                Duration.ZERO,
                ScriptedProcess.of(
                        "emergency-publish",
                        reading("verify", ctx -> StepOutcome.succeeded("manifest ok")),
                        publish(),
                        chat("notify", slack, "slack")));
        breakDown(S3);

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"))
                        .id(),
                WAIT);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).isEqualTo("NO-GO: strict service(s) down [s3:eu-central-1]");
        assertThat(run.step("verify").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(run.step("publish").orElseThrow().attempts()).isZero();
        assertThat(run.step("notify").orElseThrow().attempts()).isZero();
        assertThat(ledger.executions(run.id() + ":publish")).isZero();
        assertThat(slack.txnIdsSeen()).isEmpty();
    }

    @Test
    void goDegradedDefersChatStepsThenReplaysEachExactlyOnceWhenTheServiceIsBack() {
        FakeChatServer slack = new FakeChatServer("slack").otherwise(DOWN);
        RunEngine engine = engine(
                Duration.ofMillis(50),
                ScriptedProcess.of(
                        "emergency-publish",
                        publish(),
                        chat("notify-release-channel", slack, "slack"),
                        chat("notify-team", slack, "slack"),
                        writing("record", ledger::write)));
        breakDown("slack");

        Run degraded = engine.awaitEnd(
                engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"))
                        .id(),
                WAIT);

        assertThat(degraded.state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);
        assertThat(degraded.reason())
                .isEqualTo("deferred until their services are back: [notify-release-channel, notify-team]");
        assertThat(degraded.step("notify-team").orElseThrow().state()).isEqualTo(StepState.DEFERRED);
        assertThat(degraded.step("record").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(engine.events(degraded.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_DEFERRED)
                .extracting(RunEvent::step, e -> e.data().get("service"))
                .containsOnly(
                        org.assertj.core.groups.Tuple.tuple("notify-release-channel", "slack"),
                        org.assertj.core.groups.Tuple.tuple("notify-team", "slack"));

        slack.otherwise(UP); // the outage ends; the breaker half-opens by itself, the replay's calls are the probes

        await().atMost(WAIT).until(() -> engine.run(degraded.id()).state() == RunState.SUCCEEDED);
        Run done = engine.run(degraded.id());
        assertThat(done.reason()).isNull();
        assertThat(slack.delivered())
                .isEqualTo(Map.of(done.id() + ":notify-release-channel", 1, done.id() + ":notify-team", 1));
        assertThat(ledger.writes(done.id() + ":publish")).isEqualTo(1);
        assertThat(ledger.writes(done.id() + ":record")).isEqualTo(1);
        await().atMost(WAIT).until(() -> guards.status("slack").state() == BreakerState.CLOSED);
    }

    @Test
    void aStepWhoseDeferrableServiceIsDownIsParkedWithoutCallingItAndReplayedWhenAnOperatorResetsTheBreaker() {
        FakeChatServer mastodon = new FakeChatServer("mastodon").otherwise(DOWN);
        RunEngine engine = engine(
                Duration.ZERO,
                ScriptedProcess.of(
                        "announce", publish(), chat("toot", mastodon, "mastodon"), writing("record", ledger::write)));
        breakDown("mastodon");

        Run degraded = engine.awaitEnd(
                engine.start(RunRequest.of("announce", Map.of(), "alice")).id(), WAIT);

        assertThat(degraded.state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);
        StepRecord toot = degraded.step("toot").orElseThrow();
        assertThat(toot.state()).isEqualTo(StepState.DEFERRED);
        assertThat(toot.attempts()).isZero();
        assertThat(toot.summary()).isEqualTo("deferred: service 'mastodon' is down (breaker OPEN)");
        assertThat(mastodon.txnIdsSeen()).isEmpty();
        assertThat(engine.replayDeferred()).isEmpty(); // nothing to replay while the breaker is open

        mastodon.otherwise(UP);
        guards.reset("mastodon"); // the operator declares the outage over: CLOSED triggers the replay

        await().atMost(WAIT).until(() -> engine.run(degraded.id()).state() == RunState.SUCCEEDED);
        assertThat(mastodon.txnIdsSeen()).containsExactly(degraded.id() + ":toot");
        assertThat(engine.run(degraded.id()).step("toot").orElseThrow().attempts())
                .isEqualTo(1);
    }

    @Test
    void aBreakerClosingReplaysDeferredStepsWithoutWaitingForThePeriodicCheck() {
        FakeChatServer matrix = new FakeChatServer("matrix").otherwise(DOWN);
        RunEngine engine =
                engine(Duration.ZERO, ScriptedProcess.of("announce", publish(), chat("post", matrix, "matrix")));
        breakDown("matrix");
        Run degraded = engine.awaitEnd(
                engine.start(RunRequest.of("announce", Map.of(), "alice")).id(), WAIT);
        assertThat(degraded.state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);

        // someone else's calls probe the service after the outage and close the breaker
        matrix.otherwise(UP);
        await().atMost(WAIT).until(() -> guards.status("matrix").state() == BreakerState.HALF_OPEN);
        guards.call("matrix", () -> "probe 1");
        guards.call("matrix", () -> "probe 2");

        await().atMost(WAIT).until(() -> engine.run(degraded.id()).state() == RunState.SUCCEEDED);
        assertThat(matrix.posts()).containsOnlyKeys(degraded.id() + ":post");
    }

    @Test
    void aFlappingServiceLosesNoStepAndPostsNothingTwice() {
        // up, down (the step is deferred and the breaker opens), down again on the first probe,
        // a write whose answer is lost, then up
        FakeChatServer matrix = new FakeChatServer("matrix")
                .script(UP, DOWN, DOWN, LOST_RESPONSE, DOWN)
                .otherwise(UP);
        RunEngine engine = engine(
                Duration.ofMillis(30),
                ScriptedProcess.of(
                        "weekly-deploy",
                        chat("set-topic", matrix, "matrix"),
                        chat("announce-1", matrix, "matrix"),
                        writing("move-stable", ledger::write),
                        chat("announce-2", matrix, "matrix"),
                        chat("restore-topic", matrix, "matrix")));

        Run run = engine.start(RunRequest.of("weekly-deploy", Map.of(), "alice"));

        await().atMost(WAIT).until(() -> engine.run(run.id()).state() == RunState.SUCCEEDED);
        Run done = engine.run(run.id());
        List<String> chatSteps = List.of("set-topic", "announce-1", "announce-2", "restore-topic");
        assertThat(matrix.posts())
                .containsOnlyKeys(
                        chatSteps.stream().map(s -> run.id() + ":" + s).toList());
        assertThat(ledger.writes(run.id() + ":move-stable")).isEqualTo(1);
        assertThat(done.steps()).extracting(StepRecord::state).containsOnly(StepState.SUCCEEDED);
        assertThat(matrix.scriptLeft()).isZero();
        // the write whose answer was lost was sent again with the same key, and the service posted it once
        assertThat(matrix.txnIdsSeen()).hasSizeGreaterThan(new java.util.HashSet<>(matrix.txnIdsSeen()).size());
        assertThat(matrix.txnIdsSeen()).allSatisfy(key -> assertThat(key).startsWith(run.id() + ":"));
        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_DEFERRED)
                .isNotEmpty();
    }

    @Test
    void concurrentReplayTriggersRunEachDeferredStepOnce() throws Exception {
        FakeChatServer slack = new FakeChatServer("slack").otherwise(DOWN);
        Step counted = step("notify", true, List.of(ServiceNeed.deferrable("slack")), ctx -> {
            return StepOutcome.succeeded(ctx.guards().call("slack", () -> slack.send(ctx.idempotencyKey(), "hi")));
        });
        RunEngine engine = engine(Duration.ZERO, ScriptedProcess.of("notify", publish(), counted));
        breakDown("slack");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(engine.start(RunRequest.of("notify", Map.of(), "alice")).id());
        }
        for (String id : ids) {
            assertThat(engine.awaitEnd(id, WAIT).state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);
        }

        slack.otherwise(UP);
        await().atMost(WAIT).until(() -> guards.status("slack").state() == BreakerState.HALF_OPEN);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            pool.submit(() -> {
                go.await();
                for (int j = 0; j < 20; j++) {
                    engine.replayDeferred();
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(WAIT)
                .until(() -> ids.stream().allMatch(id -> engine.run(id).state() == RunState.SUCCEEDED));
        // calls refused by a half-open breaker re-defer a step; what went through, went through once
        assertThat(slack.delivered()).hasSize(5).allSatisfy((key, times) -> assertThat(times)
                .isEqualTo(1));
        for (String id : ids) {
            // an execution of the step always ends before the next one starts: never two at once
            boolean open = false;
            List<RunEvent.Type> lifecycle = engine.events(id, 0).stream()
                    .filter(e -> "notify".equals(e.step()))
                    .map(RunEvent::type)
                    .toList();
            for (RunEvent.Type type : lifecycle) {
                if (type == RunEvent.Type.STEP_STARTED) {
                    assertThat(open)
                            .as("step notify of run %s started twice at once: %s", id, lifecycle)
                            .isFalse();
                    open = true;
                } else {
                    open = false;
                }
            }
            assertThat(lifecycle).last().isEqualTo(RunEvent.Type.STEP_FINISHED);
        }
    }

    @Test
    void anOutageOfAStrictServiceMidRunFailsTheStepAndTheRun() {
        RunEngine engine = engine(
                Duration.ZERO, ScriptedProcess.of("emergency-publish", publish(), writing("record", ledger::write)));
        s3Up.set(false);

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"))
                        .id(),
                WAIT);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).isEqualTo("step 'publish' failed: S3 answered 503 SlowDown");
        assertThat(run.step("record").orElseThrow().state()).isEqualTo(StepState.PENDING);
    }

    @Test
    void anUnavailableServiceTheStepDidNotDeclareDeferrableFailsTheRun() {
        RunEngine engine = engine(
                Duration.ZERO,
                ScriptedProcess.of("announce", step("post", true, List.of(ServiceNeed.deferrable("slack")), ctx -> {
                    throw new ServiceUnavailableException("mastodon", "mastodon answered 502");
                })));

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("announce", Map.of(), "alice")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.step("post").orElseThrow().summary()).isEqualTo("mastodon answered 502");
    }

    @Test
    void aDeferrableServiceFailingDuringTheStepDefersIt() {
        FakeChatServer slack = new FakeChatServer("slack").script(DOWN);
        RunEngine engine = engine(
                Duration.ZERO,
                ScriptedProcess.of("announce", chat("post", slack, "slack"), writing("record", ledger::write)));

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("announce", Map.of(), "alice")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);
        StepRecord post = run.step("post").orElseThrow();
        assertThat(post.state()).isEqualTo(StepState.DEFERRED);
        assertThat(post.attempts()).isEqualTo(1);
        assertThat(post.summary()).isEqualTo("deferred: slack answered 503 Service Unavailable");
        assertThat(run.step("record").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);

        // the breaker never opened (one failure of two): an explicit replay brings the step through
        assertThat(engine.replayDeferred()).containsExactly(run.id());
        await().atMost(WAIT).until(() -> engine.run(run.id()).state() == RunState.SUCCEEDED);
        assertThat(engine.run(run.id()).step("post").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aRunRefusedByAnOpenBreakerCarriesTheServicesLastErrorInTheFailedStepAndItsEvent() {
        String sts = "sts:us-east-1";
        while (guards.status(sts).state() != BreakerState.OPEN) {
            assertThatThrownBy(() -> guards.call(sts, () -> {
                        throw new java.io.UncheckedIOException(
                                new java.net.UnknownHostException("sts.us-east-1.amazonaws.com"));
                    }))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
        RunEngine engine = engine(
                Duration.ZERO,
                ScriptedProcess.of(
                        "assume",
                        step(
                                "credentials",
                                true,
                                List.of(),
                                ctx -> guards.call(sts, () -> {
                                    throw new AssertionError("an open breaker never calls the service");
                                }))));

        ch.qos.logback.classic.Logger stepLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("io.releasekit.core.run.internal.StepRunner");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        stepLog.addAppender(logged);
        Run run;
        try {
            run = engine.awaitEnd(
                    engine.start(RunRequest.of("assume", Map.of(), "alice")).id(), WAIT);
        } finally {
            stepLog.detachAppender(logged);
        }

        assertThat(logged.list)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line)
                        .contains("credentials")
                        .contains("circuit breaker is OPEN")
                        .contains("UnknownHostException: sts.us-east-1.amazonaws.com"));
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        String summary = run.step("credentials").orElseThrow().summary();
        assertThat(summary)
                .contains("circuit breaker is OPEN")
                .contains("UnknownHostException: sts.us-east-1.amazonaws.com");
        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_FAILED)
                .singleElement()
                .satisfies(e -> assertThat(e.data().get("summary")).isEqualTo(summary));
    }
}
