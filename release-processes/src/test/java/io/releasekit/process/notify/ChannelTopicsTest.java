package io.releasekit.process.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-channel topic texts, and Slack's 250-character limit refused before the run, at its preflight. */
class ChannelTopicsTest {

    static final String LONG = "We are redeploying the Packit Service production. If Packit does not react to your"
            + " actions for a long time (30 minutes) try retriggering it with /packit build, /packit test,"
            + " /packit propose-downstream, /packit pull-from-upstream, /packit koji-build, /packit create-update."
            + " ⚠️ Production redeployment in progress.⚠️";

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final RecordingNotifier slack = RecordingNotifier.withTopic("packit-slack", "slack")
            .topicIs("Packit")
            .topicLimit(250);
    final RecordingNotifier matrix =
            RecordingNotifier.withTopic("packit-matrix", "matrix").topicIs("Packit");
    final RunEngine engine = RunEngine.builder()
            .guards(guards)
            .define(new DeploymentProcess(new Notifiers(List.of(slack, matrix), guards)))
            .build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void eachChannelShowsItsOwnText() {
        Map<String, Object> p = Map.of(
                "topic", LONG, "channelTopics", List.of("packit-slack=⚠️ Packit production redeployment in progress"));

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of(DeploymentProcess.KIND, p, "ci")).id(), Duration.ofSeconds(20));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(slack.topicWrites())
                .extracting(Topic::text)
                .containsExactly("⚠️ Packit production redeployment in progress", "Packit");
        assertThat(matrix.topicWrites()).extracting(Topic::text).containsExactly(LONG, "Packit");
    }

    @Test
    void aTopicLongerThanSlackAcceptsIsRefusedAtThePreflightNamingTheChannelAndLength() {
        int length = LONG.codePointCount(0, LONG.length());
        assertThat(length).isGreaterThan(250);
        Map<String, Object> p = Map.of("topic", LONG);

        assertThatThrownBy(() -> engine.preflight(DeploymentProcess.KIND, p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("channel 'packit-slack'")
                .hasMessageContaining(length + " characters")
                .hasMessageContaining("at most 250");
        assertThatThrownBy(() -> engine.start(RunRequest.of(DeploymentProcess.KIND, p, "ci")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(matrix.topicWrites()).isEmpty();
    }

    @Test
    void refusesATopicForAChannelTheRunDoesNotSet() {
        Map<String, Object> p = Map.of(
                "topic",
                "Deploying",
                "topicChannels",
                List.of("packit-matrix"),
                "channelTopics",
                List.of("packit-slack=x"));

        assertThatThrownBy(() -> engine.start(RunRequest.of(DeploymentProcess.KIND, p, "ci")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'packit-slack=x'");
    }
}
