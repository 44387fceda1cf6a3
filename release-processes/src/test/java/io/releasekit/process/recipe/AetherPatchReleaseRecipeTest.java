package io.releasekit.process.recipe;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003 as a library user runs it: {@code aether.patch-release} against a git server, checked with git. */
class AetherPatchReleaseRecipeTest {

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
    void lazyBranchesAtTheVersionCommitPicksTheFixTagsTwoOneOneAndReturnsToDev() throws Exception {
        server = GitHttpServer.start(serverDir);
        remote = server.createRepository("component.git");
        remote.commit("main", "start", "VERSION", "2.0.0\n", "app.txt", "one\n");
        String release = remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        remote.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        String fix = remote.commit("main", "Fix crash", "app.txt", "one fixed\n");
        repositories = SourceRepositories.of(
                Map.of(
                        "component",
                        JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder("component", tmp.resolve("work"))
                                .remote("origin", server.url("component.git"))
                                .identity(RepoFixture.RELEASER)
                                .build())),
                ServiceGuards.withDefaults());
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(new AetherPatchReleaseProcess(repositories))
                .build();
        Map<String, Object> params = Map.of("repository", "component", "line", "2.1", "commits", List.of(fix));

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of(AetherPatchReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(60));
        Run again = engine.awaitEnd(
                engine.start(RunRequest.of(AetherPatchReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(again.state()).as(again.reason()).isEqualTo(RunState.SUCCEEDED);
        Path bare = remote.gitDir();
        assertThat(git(bare, "merge-base", "--is-ancestor", release, "refs/heads/aether-2.1"))
                .isEmpty();
        assertThat(git(bare, "show", "2.1.1:VERSION")).isEqualTo("2.1.1");
        assertThat(git(bare, "show", "2.1.1:app.txt")).isEqualTo("one fixed");
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.2-dev");
        assertThat(git(bare, "show", "refs/heads/main:VERSION")).isEqualTo("2.2.0-dev");
        assertThat(git(bare, "tag", "--list")).isEqualTo("2.1.1");
    }

    @Test
    void aPushRacingTheReleasePushIsRefusedAtomicallyAndTheRerunKeepsTheTagAndTheirCommit() throws Exception {
        server = GitHttpServer.start(serverDir);
        remote = server.createRepository("component.git");
        remote.commit("main", "start", "VERSION", "2.0.0\n", "app.txt", "one\n", "README", "r\n");
        remote.branch("aether-2.1", remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n"));
        remote.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        String fix = remote.commit("main", "Fix crash", "app.txt", "one fixed\n");
        Path work = tmp.resolve("work");
        Path bare = remote.gitDir();
        repositories = SourceRepositories.of(
                Map.of(
                        "component",
                        JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder("component", work)
                                .remote("origin", server.url("component.git"))
                                .identity(RepoFixture.RELEASER)
                                .build())),
                ServiceGuards.withDefaults());
        engine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(new AetherPatchReleaseProcess(repositories))
                .build();
        String[] theirs = new String[1];
        // the pick is pushed; someone pushes to aether-2.1 just before push-release sends the tag and 2.1.2-dev
        server.beforePush("component.git", () -> {
            if (GitCli.run(work, "rev-parse", "--verify", "-q", "refs/tags/2.1.1")
                            .exitCode()
                    != 0) {
                return false;
            }
            theirs[0] = remote.commit("aether-2.1", "Backport the docs", "README", "r, documented\n");
            return true;
        });
        Map<String, Object> params = Map.of("repository", "component", "line", "2.1", "commits", List.of(fix));

        Run refused = engine.awaitEnd(
                engine.start(RunRequest.of(AetherPatchReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(refused.state()).isEqualTo(RunState.FAILED);
        assertThat(refused.step("push-release").orElseThrow().state()).isEqualTo(StepState.FAILED);
        assertThat(refused.reason())
                .contains("refs/heads/aether-2.1")
                .contains("moved since it was last read")
                .contains("refs/tags/2.1.1 on 'origin' was not pushed: the push is atomic");
        // atomic: the tag was not published while the branch was refused
        assertThat(GitCli.run(bare, "rev-parse", "--verify", "-q", "refs/tags/2.1.1")
                        .exitCode())
                .isNotZero();
        String pick = git(bare, "rev-parse", "refs/heads/aether-2.1~1");

        Run rerun = engine.awaitEnd(
                engine.start(RunRequest.of(AetherPatchReleaseProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(rerun.state()).as(rerun.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(rerun.step("branch:fetch").orElseThrow().summary())
                .contains("reset refs/heads/aether-2.1 to origin's " + theirs[0].substring(0, 12))
                .contains("dropping 1 unpushed release commit(s)");
        assertThat(rerun.step("pick:cherry-pick").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
        assertThat(rerun.step("tag-release").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
        // the tag names the pushed pick (fix + VERSION 2.1.1); their commit and 2.1.2-dev follow it
        assertThat(git(bare, "rev-parse", "2.1.1^{}")).isEqualTo(pick);
        assertThat(git(bare, "show", "2.1.1:VERSION")).isEqualTo("2.1.1");
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1~1")).isEqualTo(theirs[0]);
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.2-dev");
        assertThat(git(bare, "show", "refs/heads/aether-2.1:README")).isEqualTo("r, documented");
    }
}
