package io.releasekit.process.recipe;

import static io.releasekit.git.testkit.GitCli.git;
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
import io.releasekit.core.run.StepState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    GitHttpServer gitServer;
    SourceRepositories repositories;

    @TempDir
    Path tmp;

    RunEngine engine() {
        service.ref("stable", "2222222222222222222222222222222222222222");
        packit.ref("stable", "3333333333333333333333333333333333333333");
        ReleaseHosts hosts = ReleaseHosts.builder(ServiceGuards.withDefaults())
                .add("packit-service", service, TagScheme.of(""))
                .add("packit", packit, TagScheme.of(""))
                .build();
        Notifiers notifiers = new Notifiers(List.of(slack, matrix, mastodon), ServiceGuards.withDefaults());
        GitHubWaitChecksProcess wait =
                new GitHubWaitChecksProcess(hosts, new ChecksWaiter(CLOCK, Sleeper.threadSleep()));
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(new PackitDeploymentProcess(
                        notifiers,
                        hosts,
                        wait,
                        repositories == null ? null : new MoveBranchProcess(repositories),
                        CLOCK))
                .build();
        return engine;
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (repositories != null) {
            repositories.close();
        }
        if (gitServer != null) {
            gitServer.close();
        }
    }

    /** Two bare repositories served over HTTP, {@code stable} one commit behind {@code main}, cloned as configured. */
    Map<String, RepoFixture> gitRepositories(String... names) throws Exception {
        gitServer = GitHttpServer.start(java.nio.file.Files.createDirectories(tmp.resolve("server")));
        Map<String, RepoFixture> bare = new java.util.LinkedHashMap<>();
        Map<String, io.releasekit.core.scm.SourceRepository> configured = new java.util.LinkedHashMap<>();
        for (String name : names) {
            RepoFixture origin = gitServer.createRepository(name + ".git");
            String deployed = origin.commit("main", "Deployed last week", "packit/__init__.py", "v1\n");
            origin.branch("stable", deployed);
            origin.commit("main", "Retrigger tests from a comment", "packit/__init__.py", "v2\n");
            bare.put(name, origin);
            configured.put(
                    name,
                    JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder(name, tmp.resolve("work-" + name))
                            .remote("origin", gitServer.url(name + ".git"))
                            .identity(RepoFixture.RELEASER)
                            .build()));
        }
        repositories = SourceRepositories.of(configured, ServiceGuards.withDefaults());
        return bare;
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
    void movesStableToMainInEachRepositoryAfterTheTopicsAndBeforeWaitingForTheImages() throws Exception {
        Map<String, RepoFixture> bare = gitRepositories("packit-service", "packit");
        service.checks(List.of(build("success")));
        packit.checks(List.of(build("success")));
        RunEngine e = engine();
        Map<String, Object> p = new java.util.LinkedHashMap<>(params());
        p.put("moveStable", List.of("packit-service", "packit"));

        Run run = e.awaitEnd(
                e.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci")).id(), Duration.ofSeconds(30));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps())
                .extracting(StepRecord::name)
                .containsSubsequence(
                        "set-topic-slack",
                        "set-topic-matrix",
                        "fetch:packit-service",
                        "move-stable:packit-service",
                        "push-stable:packit-service",
                        "fetch:packit",
                        "move-stable:packit",
                        "push-stable:packit",
                        "wait-images:packit-service",
                        "blog-post",
                        "restore-topic-slack");
        for (RepoFixture origin : bare.values()) {
            assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable"))
                    .isEqualTo(git(origin.dir(), "rev-parse", "refs/heads/main"));
        }
        assertThat(run.step("move-stable:packit").orElseThrow().outputs()).containsEntry("how", "fast-forward");
        // GitHub (in memory) still says stable is 2222...: the wait is pinned to the commit the run pushed
        assertThat(run.step("wait-images:packit-service").orElseThrow().outputs())
                .containsEntry("sha", bare.get("packit-service").head("main"));
    }

    @Test
    void aDivergedStableFailsTheMoveWithoutForceBeforeAnyImageWaitAndTheTopicsAreRestored() throws Exception {
        Map<String, RepoFixture> bare = gitRepositories("packit-service");
        RepoFixture origin = bare.get("packit-service");
        String hotfix = origin.commit("stable", "Cherry-pick: fix the prod crash", "hotfix.txt", "x\n");
        service.checks(List.of(build("success")));
        packit.checks(List.of(build("success")));
        RunEngine e = engine();
        Map<String, Object> p = new java.util.LinkedHashMap<>(params());
        p.put("moveStable", List.of("packit-service"));

        Run run = e.awaitEnd(
                e.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci")).id(), Duration.ofSeconds(30));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).contains("move-stable:packit-service").contains("not a fast-forward");
        assertThat(run.step("wait-images:packit-service").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(hotfix);
        assertThat(slack.topicWrites()).extracting(Topic::text).last().isEqualTo(OLD_TOPIC);
        assertThat(matrix.topicWrites()).extracting(Topic::text).last().isEqualTo(OLD_TOPIC);
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

    @Test
    void theBlogPostCoversThePullRequestsSinceThePreviousStableUnderTheTitleTemplateAndMastodonLinksIt()
            throws Exception {
        Map<String, RepoFixture> bare = gitRepositories("packit-service");
        String previous = bare.get("packit-service").head("stable");
        String pushed = bare.get("packit-service").head("main");
        service.checks(List.of(build("success")));
        service.pullRequest(pr(2701, "Retrigger tests for one target", "has-release-notes"));
        service.pullRequest(pr(2702, "Bump the CI image", "ci"));
        RunEngine e = engine();
        Map<String, Object> p = new java.util.LinkedHashMap<>(params());
        p.put("repositories", List.of("packit-service"));
        p.put("moveStable", List.of("packit-service"));
        p.put("blogUrlTemplate", "https://packit.dev/posts/$SLUG/");

        Run run = e.awaitEnd(
                e.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci")).id(), Duration.ofSeconds(30));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        Map<String, String> blog = run.step("blog-post").orElseThrow().outputs();
        assertThat(blog)
                .containsEntry("blogTitle", "Packit in November 2026")
                .containsEntry("blogRange.packit-service", previous + ".." + pushed)
                .containsEntry("blogUrl", "https://packit.dev/posts/packit-in-november-2026/");
        assertThat(blog.get("blogMarkdown"))
                .startsWith("---\ntitle: \"Packit in November 2026\"")
                .contains("Retrigger tests for one target")
                .doesNotContain("Bump the CI image");
        assertThat(mastodon.posted())
                .extracting(Message::text)
                .singleElement()
                .asString()
                .startsWith("Packit in November 2026:\nhttps://packit.dev/posts/packit-in-november-2026/\n")
                .contains("Retrigger tests for one target");
    }
}
