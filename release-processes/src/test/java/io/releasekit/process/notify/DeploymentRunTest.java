package io.releasekit.process.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed 004's deployment process through the real run engine: topics set, deployment, announcement, topics back. */
class DeploymentRunTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ServiceGuards guards = ServiceGuards.builder()
            .defaults(GuardConfig.defaults()
                    .withMaxAttempts(1)
                    .withWaits(Duration.ofMinutes(5), Duration.ofMillis(1))
                    .withTimeout(Duration.ofSeconds(5)))
            .build();
    private final RecordingNotifier slack =
            RecordingNotifier.withTopic("ops-slack", "slack").topicIs("Packit chat");
    private final RecordingNotifier matrix =
            RecordingNotifier.withTopic("packit-matrix", "matrix").topicIs("Packit | https://packit.dev");
    private final RecordingNotifier mastodon = RecordingNotifier.withoutTopic("packit-mastodon", "mastodon");
    private final Notifiers notifiers = new Notifiers(List.of(slack, matrix, mastodon), guards);
    private RunEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        guards.close();
    }

    private static final Map<String, Object> PARAMS = Map.of(
            "topic", "⚠️ Production redeployment in progress ⚠️",
            "announcement", "Packit Service redeployed",
            "announceChannels", List.of("packit-mastodon"));

    @Test
    void setsTheTopicsDeploysAnnouncesAndRestoresTheExactPreviousTopics() {
        Run run = runDeployment(ctx -> assertThat(matrix.topic().text()).startsWith("⚠️"));

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
        assertThat(matrix.topic().text()).isEqualTo("Packit | https://packit.dev");
        assertThat(mastodon.posted()).extracting(Message::text).containsExactly("Packit Service redeployed");
        assertThat(run.step("restore-topic-ops-slack").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void aFailedDeploymentStillRestoresTheTopics() {
        Run run = runDeployment(ctx -> {
            throw new io.releasekit.core.ConflictException("stable has diverged from main");
        });

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
        assertThat(matrix.topic().text()).isEqualTo("Packit | https://packit.dev");
        assertThat(mastodon.posted()).isEmpty();
    }

    @Test
    void aSlackOutageAtTheStartNeverLeavesALateBannerUp() {
        guards.forceOpen("slack"); // Slack is down when the deployment starts ...

        Run run = runDeployment(ctx -> guards.reset("slack")); // ... and back before it ends

        assertThat(run.step("set-topic-ops-slack").orElseThrow().state()).isIn(StepState.DEFERRED, StepState.SKIPPED);
        assertThat(run.step("restore-topic-ops-slack").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
        // the runner replays the deferred set step after the run; it must not put "deployment in progress" up
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(engine.run(run.id()).state()).isEqualTo(RunState.SUCCEEDED));
        assertThat(engine.run(run.id())
                        .step("set-topic-ops-slack")
                        .orElseThrow()
                        .state())
                .isEqualTo(StepState.SKIPPED);
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
        assertThat(matrix.topic().text()).isEqualTo("Packit | https://packit.dev");
    }

    @Test
    void aMastodonOutageDefersOnlyTheAnnouncementWhichIsPostedOnceWhenMastodonIsBack() {
        mastodon.failWith(() -> new ServiceUnavailableException("mastodon", "mastodon answered 503"));

        Run run = runDeployment(ctx -> {});

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_DEGRADED);
        assertThat(run.step("notify-packit-mastodon").orElseThrow().state()).isEqualTo(StepState.DEFERRED);
        assertThat(matrix.topic().text()).isEqualTo("Packit | https://packit.dev");

        mastodon.failWith(null);
        guards.reset("mastodon");
        engine.replayDeferred();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(engine.run(run.id()).state()).isEqualTo(RunState.SUCCEEDED));
        assertThat(mastodon.posted()).hasSize(1);
    }

    private Run runDeployment(Consumer<StepContext> deploy) {
        engine = RunEngine.builder()
                .guards(guards)
                .define(new DeploymentProcess(notifiers, inner(deploy)))
                .replayInterval(Duration.ofMillis(100))
                .build();
        Run started = engine.start(RunRequest.of("deployment", PARAMS, "alice"));
        return engine.awaitEnd(started.id(), WAIT);
    }

    private static ProcessDefinition inner(Consumer<StepContext> deploy) {
        return new ProcessDefinition() {
            @Override
            public String kind() {
                return "move-stable";
            }

            @Override
            public String description() {
                return "the deployment itself";
            }

            @Override
            public ParameterSpec parameters() {
                return ParameterSpec.builder().build();
            }

            @Override
            public List<Step> steps(RunParameters parameters) {
                return List.of(new Step() {
                    @Override
                    public String name() {
                        return "move-stable";
                    }

                    @Override
                    public StepOutcome execute(StepContext context) {
                        deploy.accept(context);
                        return StepOutcome.succeeded("moved stable");
                    }
                });
            }
        };
    }
}
