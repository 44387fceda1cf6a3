package io.releasekit.process.recipe;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.process.git.SyncBranchesProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002 as a library user runs it: {@code train.release} with a git server and GitHub in memory. */
class TrainReleaseRecipeTest {

    @TempDir
    Path serverDir;

    @TempDir
    Path tmp;

    GitHttpServer server;
    RepoFixture remote;
    SourceRepositories repositories;
    RunEngine engine;

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (repositories != null) {
            repositories.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void releasesTheMergeCommitAnnouncesOnSlackAndSyncsDevelopmentAndHotfixWithMain() throws Exception {
        server = GitHttpServer.start(serverDir);
        remote = server.createRepository("operators.git");
        String base = remote.commit("main", "start", "app.py", "v1\n");
        remote.branch("development", base);
        remote.branch("security/hotfix", base);
        remote.commit("development", "feature", "feature.py", "f\n");
        String merge = remote.merge("main", "development", "Merge development into main");
        remote.commit("security/hotfix", "pin dependency", "requirements.txt", "x==1\n");
        repositories = SourceRepositories.of(
                Map.of(
                        "operators",
                        JGitSourceRepository.cloneOrOpen(
                                io.releasekit.git.GitRepositorySettings.builder("operators", tmp.resolve("work"))
                                        .remote("origin", server.url("operators.git"))
                                        .identity(RepoFixture.RELEASER)
                                        .build())),
                ServiceGuards.withDefaults());

        InMemoryReleaseHost github = new InMemoryReleaseHost();
        github.ref("main", merge).tag("v1.4.0", base);
        github.release("v1.4.0", "", false);
        github.pullRequest(new PullRequest(
                12,
                "Scale the operators",
                "Operators scale to 10k jobs.",
                List.of("feature"),
                "dev",
                Optional.of(Instant.parse("2026-11-24T09:00:00Z")),
                "https://github.com/x/operators/pull/12"));
        ReleaseHosts hosts = ReleaseHosts.builder(ServiceGuards.withDefaults())
                .add("operators", github, TagScheme.of("v"))
                .build();
        RecordingNotifier slack = RecordingNotifier.withTopic("slack", "slack");
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(new TrainReleaseProcess(
                        hosts,
                        new SyncBranchesProcess(repositories),
                        new Notifiers(List.of(slack), ServiceGuards.withDefaults())))
                .build();

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of(
                                TrainReleaseProcess.KIND,
                                Map.of("repository", "operators", "target", merge, "channels", List.of("slack")),
                                "ci"))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps()).extracting(StepRecord::name).contains("plan-release", "announce:slack", "sync");
        Release created = github.findRelease("v1.4.1").orElseThrow();
        assertThat(created.draft()).isFalse();
        assertThat(created.body()).contains("Operators scale to 10k jobs.");
        assertThat(slack.posted()).extracting(Message::text).containsExactly("Released v1.4.1 to production");
        Path bare = remote.gitDir();
        String main = git(bare, "rev-parse", "refs/heads/main").strip();
        assertThat(git(bare, "rev-parse", "refs/heads/development").strip()).isEqualTo(main);
        String hotfix = git(bare, "rev-parse", "refs/heads/security/hotfix").strip();
        assertThat(git(bare, "merge-base", "--is-ancestor", main, hotfix)).isEmpty(); // hotfix contains main

        // the same merge commit again: its release is found, nothing new is released or posted
        Run again = engine.awaitEnd(
                engine.start(RunRequest.of(
                                TrainReleaseProcess.KIND,
                                Map.of("repository", "operators", "target", merge, "channels", List.of("slack")),
                                "ci"))
                        .id(),
                Duration.ofSeconds(60));
        assertThat(again.state()).as(again.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(again.step("plan-release").orElseThrow().outputs()).containsEntry("tag", "v1.4.1");
        assertThat(github.findRelease("v1.4.2")).isEmpty();
        assertThat(slack.posted()).hasSize(1);
    }
}
