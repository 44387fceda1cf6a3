package io.releasekit.api.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import io.releasekit.github.process.GitHubWaitChecksProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed 004 as a library user runs it: {@code packit.deployment} on the run engine. */
class PackitDeploymentRecipeTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T13:00:00Z"), ZoneOffset.UTC);
    static final String OLD_TOPIC = "Packit Service | docs: https://packit.dev";

    final InMemoryReleaseHost service = new InMemoryReleaseHost();
    final InMemoryReleaseHost packit = new InMemoryReleaseHost();
    final RecordingNotifier slack =
            RecordingNotifier.withTopic("slack", "slack").topicIs(OLD_TOPIC);
    final RecordingNotifier matrix =
            RecordingNotifier.withTopic("matrix", "matrix").topicIs(OLD_TOPIC);
    final RecordingNotifier mastodon = RecordingNotifier.withoutTopic("mastodon", "mastodon");
    RunEngine engine;

    RunEngine engine() {
        service.ref("stable", "2222222222222222222222222222222222222222");
        packit.ref("stable", "3333333333333333333333333333333333333333");
        ReleaseHosts hosts = ReleaseHosts.builder()
                .add("packit-service", service, TagScheme.of(""))
                .add("packit", packit, TagScheme.of(""))
                .build();
        Notifiers notifiers = new Notifiers(List.of(slack, matrix, mastodon));
        GitHubWaitChecksProcess wait =
                new GitHubWaitChecksProcess(hosts, new ChecksWaiter(CLOCK, Sleeper.threadSleep()));
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(new PackitDeploymentProcess(notifiers, hosts, wait, CLOCK))
                .build();
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    static CheckRun build(String conclusion) {
        return new CheckRun(CheckRun.Kind.WORKFLOW, "Build and push images", 7, "completed", conclusion, "https://x/7");
    }

    static PullRequest pr(int n, String title, String label) {
        return new PullRequest(
                n,
                title,
                "Fixes the lookup.\n\n" + title + ".",
                List.of(label),
                "dev",
                Optional.of(Instant.parse("2026-11-20T10:00:00Z")),
                "https://github.com/packit/packit/pull/" + n);
    }

    Map<String, Object> params() {
        return Map.of(
                "topic",
                "Production redeployment in progress",
                "topicChannels",
                List.of("slack", "matrix"),
                "repositories",
                List.of("packit-service", "packit"),
                "intervalSeconds",
                5,
                "timeoutSeconds",
                60,
                "mastodonChannel",
                "mastodon");
    }

    @Test
    void setsTopicsWaitsForImagesDraftsTheBlogPostPostsToMastodonAndRestoresTopics() {
        service.checks(List.of(build("success")));
        packit.checks(List.of(build("success")));
        packit.pullRequest(pr(101, "Packit can now find a spec file inside a bottle of rum", "has-release-notes"));
        RunEngine e = engine();

        Run run = e.awaitEnd(
                e.start(RunRequest.of(PackitDeploymentProcess.KIND, params(), "ci"))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps())
                .extracting(StepRecord::name)
                .contains("wait-images:packit-service", "wait-images:packit", "blog-post", "mastodon-post");
        assertThat(slack.topicWrites())
                .extracting(Topic::text)
                .containsExactly("Production redeployment in progress", OLD_TOPIC);
        assertThat(matrix.topicWrites())
                .extracting(Topic::text)
                .containsExactly("Production redeployment in progress", OLD_TOPIC);
        assertThat(run.step("blog-post").orElseThrow().outputs().get("blogMarkdown"))
                .contains("bottle of rum");
        assertThat(mastodon.posted())
                .extracting(Message::text)
                .singleElement()
                .asString()
                .contains("bottle of rum");
    }

    @Test
    void aFailedImageBuildFailsTheRunAndStillRestoresTheTopics() {
        service.checks(List.of(build("failure")));
        packit.checks(List.of(build("success")));
        RunEngine e = engine();

        Run run = e.awaitEnd(
                e.start(RunRequest.of(PackitDeploymentProcess.KIND, params(), "ci"))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).contains("wait-images:packit-service");
        assertThat(slack.topicWrites()).extracting(Topic::text).last().isEqualTo(OLD_TOPIC);
        assertThat(matrix.topicWrites()).extracting(Topic::text).last().isEqualTo(OLD_TOPIC);
        assertThat(mastodon.posted()).isEmpty();
    }
}
