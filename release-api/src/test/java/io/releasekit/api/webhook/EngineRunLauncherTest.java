package io.releasekit.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A redelivered webhook trigger on the real run engine: a failed run is tried again once, a good one never. */
class EngineRunLauncherTest {

    static final String KEY = "github-delivery:72d3162e-cc78-11e3-81ab-4c9367dc0958:1";

    final AtomicBoolean stageDown = new AtomicBoolean(true);
    final AtomicInteger executions = new AtomicInteger();
    ServiceGuards guards;
    RunEngine engine;
    EngineRunLauncher launcher;

    @BeforeEach
    void start() {
        guards = ServiceGuards.withDefaults();
        engine = RunEngine.builder().guards(guards).define(new Stage()).build();
        launcher = new EngineRunLauncher(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
        guards.close();
    }

    @Test
    void theFirstDeliveryStartsTheRunAndARepeatWhileItIsFineStartsNothing() {
        stageDown.set(false);
        RunLauncher.Launch first = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);
        assertThat(first.started()).isTrue();
        assertThat(end(first).state()).isEqualTo(RunState.SUCCEEDED);

        RunLauncher.Launch again = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);

        assertThat(again).isEqualTo(new RunLauncher.Launch(first.runId(), false));
        assertThat(executions).hasValue(1);
    }

    @Test
    void aRedeliveryAfterAFailureStartsOneRetryAndThenNoMore() {
        RunLauncher.Launch first = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);
        assertThat(end(first).state()).isEqualTo(RunState.FAILED);

        stageDown.set(false); // the store is back; the release manager clicks Redeliver on GitHub
        RunLauncher.Launch retry = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);

        assertThat(retry.started()).isTrue();
        assertThat(retry.runId()).isNotEqualTo(first.runId());
        Run done = end(retry);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.idempotencyKey()).isEqualTo(KEY + ":retry-1");
        assertThat(engine.run(first.runId()).state())
                .as("the failed run stays as it was")
                .isEqualTo(RunState.FAILED);

        RunLauncher.Launch third = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);
        assertThat(third).isEqualTo(new RunLauncher.Launch(retry.runId(), false));
        assertThat(executions).hasValue(2);
    }

    @Test
    void everyFailedAttemptIsFollowedByTheNext() {
        RunLauncher.Launch first = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);
        assertThat(end(first).state()).isEqualTo(RunState.FAILED);
        RunLauncher.Launch second = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);
        assertThat(end(second).state()).isEqualTo(RunState.FAILED);

        stageDown.set(false);
        RunLauncher.Launch third = launcher.launch("registry.stage", Map.of("tag", "release-v42"), "github", KEY);

        Run done = end(third);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.idempotencyKey()).isEqualTo(KEY + ":retry-2");
    }

    private Run end(RunLauncher.Launch launch) {
        return engine.awaitEnd(launch.runId(), Duration.ofSeconds(30));
    }

    /** Stages a release: fails while the store is down. */
    final class Stage implements ProcessDefinition {
        @Override
        public String kind() {
            return "registry.stage";
        }

        @Override
        public String description() {
            return "stage a release";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder()
                    .string("tag", true, "the release tag")
                    .build();
        }

        @Override
        public List<Step> steps(RunParameters p) {
            return List.of(new Step() {
                @Override
                public String name() {
                    return "stage";
                }

                @Override
                public StepOutcome execute(StepContext ctx) {
                    executions.incrementAndGet();
                    if (stageDown.get()) {
                        throw new ServiceUnavailableException("s3:us-east-1", "S3 answered 503");
                    }
                    return StepOutcome.succeeded("staged " + ctx.parameters().string("tag"), Map.of());
                }
            });
        }

        @Override
        public ApprovalPolicy approvalPolicy(RunParameters p) {
            return ApprovalPolicy.none();
        }
    }
}
