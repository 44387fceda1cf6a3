package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.reading;
import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final List<RunEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(RunEngine::close);
        guards.close();
    }

    private RunEngine engine(ProcessDefinition... definitions) {
        RunEngine e = RunEngine.builder()
                .guards(guards)
                .define(definitions)
                .replayInterval(Duration.ZERO)
                .progressInterval(Duration.ZERO)
                .build();
        engines.add(e);
        return e;
    }

    private static RunRequest request(String kind) {
        return RunRequest.of(kind, Map.of(), "alice");
    }

    @Test
    void runsStepsInOrderAndHandsOutputsToLaterSteps() {
        List<String> tagSaw = new CopyOnWriteArrayList<>();
        List<Map<String, String>> announceSaw = new CopyOnWriteArrayList<>();
        RunEngine engine = engine(ScriptedProcess.of(
                "release",
                reading("resolve", ctx -> StepOutcome.succeeded("resolved", Map.of("commit", "abc123"))),
                writing("tag", ctx -> {
                    tagSaw.add(ctx.output("commit").orElse("?"));
                    return ledger.write(ctx, Map.of("tag", "v1.0.0", "commit", "abc123-tagged"));
                }),
                writing("announce", ctx -> {
                    announceSaw.add(ctx.outputs());
                    return ledger.write(ctx);
                })));

        Run run = engine.awaitEnd(engine.start(request("release")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps()).extracting(StepRecord::state).containsOnly(StepState.SUCCEEDED);
        assertThat(run.steps()).extracting(StepRecord::attempts).containsOnly(1);
        assertThat(run.step("tag").orElseThrow().outputs()).containsEntry("tag", "v1.0.0");
        assertThat(ledger.order()).containsExactly("tag", "announce");
        assertThat(tagSaw).containsExactly("abc123");
        // a later step's value wins
        assertThat(announceSaw).containsExactly(Map.of("commit", "abc123-tagged", "tag", "v1.0.0"));
    }

    @Test
    void refusesAnUnknownKindNamingTheKnownOnes() {
        RunEngine engine = engine(ScriptedProcess.of("git.tag"), ScriptedProcess.of("artifacts.publish"));

        assertThatThrownBy(() -> engine.start(request("git.tga")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown run kind 'git.tga'; known: [artifacts.publish, git.tag]");
        assertThat(engine.list(RunQuery.all())).isEmpty();
    }

    @Test
    void refusesInvalidParametersBeforeStoringAnything() {
        RunEngine engine = engine(ScriptedProcess.of("git.tag")
                .withParameters(ParameterSpec.builder()
                        .string("tag", true, "tag to create")
                        .build()));

        assertThatThrownBy(() -> engine.start(RunRequest.of("git.tag", Map.of("tag", 12), "alice")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameter 'tag' must be string");
        assertThatThrownBy(() -> engine.start(RunRequest.of("git.tag", Map.of(), "alice")))
                .hasMessageContaining("parameter 'tag' is required");
        assertThat(engine.list(RunQuery.all())).isEmpty();
    }

    @Test
    void aFailingStepFailsTheRunWithItsMessageAndLaterStepsNeverRun() {
        RunEngine engine = engine(ScriptedProcess.of(
                "release",
                writing("tag", ledger::write),
                writing("push", ctx -> {
                    throw new ConflictException("remote tag 'v1.0.0' points at 9f8e7d, not abc123");
                }),
                writing("announce", ledger::write)));

        Run run = engine.awaitEnd(engine.start(request("release")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).isEqualTo("step 'push' failed: remote tag 'v1.0.0' points at 9f8e7d, not abc123");
        assertThat(run.step("push").orElseThrow().summary())
                .isEqualTo("remote tag 'v1.0.0' points at 9f8e7d, not abc123");
        assertThat(run.step("announce").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(ledger.order()).containsExactly("tag");
        assertThat(engine.events(run.id(), 0)).extracting(RunEvent::type).contains(RunEvent.Type.STEP_FAILED);
    }

    @Test
    void anUnexpectedExceptionIsRecordedAsAnInternalErrorWithoutStackTrace() {
        RunEngine engine = engine(ScriptedProcess.of("release", writing("tag", ctx -> {
            throw new IllegalStateException("index out of sync");
        })));

        Run run = engine.awaitEnd(engine.start(request("release")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.step("tag").orElseThrow().summary())
                .isEqualTo("internal error: java.lang.IllegalStateException: index out of sync");
    }

    @Test
    void dryRunPlansEveryWriteAndWritesNothing() {
        RunEngine engine = engine(ScriptedProcess.of(
                        "release",
                        reading("check", ctx -> StepOutcome.succeeded("dry=" + ctx.dryRun())),
                        writing("tag", ledger::write),
                        writing("upload", ledger::write))
                .withPolicy(io.releasekit.core.approval.ApprovalPolicy.releaseManagers(2)));

        Run run = engine.awaitEnd(
                engine.start(request("release").withDryRun(true)).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.dryRun()).isTrue();
        assertThat(run.step("check").orElseThrow().summary()).isEqualTo("dry=true");
        assertThat(run.step("tag").orElseThrow().planned()).containsExactly("write " + run.id() + ":tag");
        assertThat(run.step("upload").orElseThrow().planned()).containsExactly("write " + run.id() + ":upload");
        assertThat(ledger.allWrites()).isEmpty();
    }

    @Test
    void twentyRunsExecuteConcurrentlyOnOneEngine() {
        CountDownLatch fourTogether = new CountDownLatch(4);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        RunEngine engine = RunEngine.builder()
                .guards(guards)
                .workerThreads(4)
                .replayInterval(Duration.ZERO)
                .define(ScriptedProcess.of(
                        "release",
                        reading("gather", ctx -> {
                            int now = concurrent.incrementAndGet();
                            maxConcurrent.accumulateAndGet(now, Math::max);
                            fourTogether.countDown();
                            boolean met = fourTogether.await(10, TimeUnit.SECONDS);
                            concurrent.decrementAndGet();
                            return StepOutcome.succeeded("met=" + met);
                        }),
                        writing("tag", ledger::write),
                        writing("upload", ledger::write)))
                .build();
        engines.add(engine);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(engine.start(request("release")).id());
        }
        List<Run> runs = ids.stream().map(id -> engine.awaitEnd(id, WAIT)).toList();

        assertThat(runs).extracting(Run::state).containsOnly(RunState.SUCCEEDED);
        assertThat(runs)
                .extracting(r -> r.step("gather").orElseThrow().summary())
                .containsOnly("met=true");
        assertThat(maxConcurrent).hasValue(4);
        assertThat(ledger.allWrites()).hasSize(40).allSatisfy((k, v) -> assertThat(v)
                .isEqualTo(1));
    }

    @Test
    void concurrentAdvancesOfOneRunExecuteEachStepOnce() throws Exception {
        ManualDispatcher dispatcher = new ManualDispatcher();
        RunEngine engine = RunEngine.builder()
                .guards(guards)
                .dispatcher(e -> dispatcher)
                .replayInterval(Duration.ZERO)
                .define(ScriptedProcess.of("release", writing("a", ledger::write), writing("b", ledger::write)))
                .build();
        engines.add(engine);
        String id = engine.start(request("release")).id();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                go.await();
                return engine.advance(id);
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        Run run = engine.run(id);
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(ledger.executions(id + ":a")).isEqualTo(1);
        assertThat(ledger.executions(id + ":b")).isEqualTo(1);
    }

    @Test
    void progressReportsBecomeEvents() {
        RunEngine engine = engine(ScriptedProcess.of("publish", writing("upload", ctx -> {
            for (int i = 1; i <= 3; i++) {
                ctx.progress(i, 3, i * 1024L);
            }
            return StepOutcome.succeeded("uploaded 3 objects");
        })));

        Run run = engine.awaitEnd(engine.start(request("publish")).id(), WAIT);

        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.STEP_PROGRESS)
                .extracting(RunEvent::data)
                .containsExactly(
                        Map.of("done", "1", "total", "3", "bytes", "1024"),
                        Map.of("done", "2", "total", "3", "bytes", "2048"),
                        Map.of("done", "3", "total", "3", "bytes", "3072"));
    }

    @Test
    void listsKindsAndAnswersAPreflight() {
        RunEngine engine = engine(
                ScriptedProcess.of("b.kind", writing("x", ledger::write)),
                ScriptedProcess.of(
                        "a.kind",
                        ScriptedProcess.step("x", true, List.of(ServiceNeed.strict("github")), ledger::write)));

        assertThat(engine.kinds()).extracting(ProcessDefinition::kind).containsExactly("a.kind", "b.kind");
        PreflightResult pre = engine.preflight("a.kind", Map.of());
        assertThat(pre.verdict()).isEqualTo(PreflightResult.Verdict.GO);
        assertThat(pre.checkedServices()).containsExactly("github");
        assertThatThrownBy(() -> engine.preflight("c.kind", Map.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesToRegisterAKindTwiceOrAMalformedKind() {
        RunEngine engine = engine(ScriptedProcess.of("git.tag"));

        assertThatThrownBy(() -> engine.register(ScriptedProcess.of("git.tag")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'git.tag' is already registered");
        assertThatThrownBy(() -> engine.register(ScriptedProcess.of("Git Tag")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run kind 'Git Tag' is not valid");
    }

    @Test
    void unknownRunsAreNotFound() {
        RunEngine engine = engine();

        assertThatThrownBy(() -> engine.run("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.follow("nope", 0, e -> {})).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.approve("nope", "bob", java.util.Set.of(), null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFailingListenerDisturbsNeitherTheRunNorOtherListeners() {
        List<RunEvent> received = new CopyOnWriteArrayList<>();
        RunEngine engine = RunEngine.builder()
                .guards(guards)
                .replayInterval(Duration.ZERO)
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(received::add)
                .define(ScriptedProcess.of("release", writing("tag", ledger::write)))
                .build();
        engines.add(engine);

        Run run = engine.awaitEnd(engine.start(request("release")).id(), WAIT);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        await().atMost(WAIT)
                .until(() -> received.size() == engine.events(run.id(), 0).size());
    }
}
