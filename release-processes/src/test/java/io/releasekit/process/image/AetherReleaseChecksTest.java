package io.releasekit.process.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.process.recipe.AetherCutBranchProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aether.cut-branch} with the release checks as a gate: a failing check stops the run before it writes. */
class AetherReleaseChecksTest {

    @TempDir
    Path serverDir;

    @TempDir
    Path tmp;

    GitHttpServer server;
    RepoFixture remote;
    SourceRepositories repositories;
    RunEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        server = GitHttpServer.start(serverDir);
        remote = server.createRepository("charts.git");
        remote.commit("main", "start", "VERSION", "2.1.0-dev\n");
        remote.commit(
                "main",
                "Release 2.1.0",
                "VERSION",
                "2.1.0\n",
                "Dockerfile",
                "FROM debian:12.5.0\n",
                "sd-core/Chart.yaml",
                "apiVersion: v2\nname: sd-core\nversion: 2.1.0\n",
                "sd-core/values.yaml",
                "image:\n  repository: omecproject/smf\n  tag: master\n");
        ServiceGuards guards = ServiceGuards.withDefaults();
        repositories = SourceRepositories.of(
                Map.of(
                        "charts",
                        JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder("charts", tmp.resolve("work"))
                                .remote("origin", server.url("charts.git"))
                                .identity(RepoFixture.RELEASER)
                                .build())),
                guards);
        engine = RunEngine.builder()
                .guards(guards)
                .define(new AetherCutBranchProcess(repositories))
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
        repositories.close();
        remote.close();
        server.close();
    }

    private Run run(Map<String, Object> params) {
        return engine.awaitEnd(
                engine.start(RunRequest.of(AetherCutBranchProcess.KIND, params, "ci"))
                        .id(),
                Duration.ofSeconds(60));
    }

    @Test
    void aFailingChartCheckStopsTheCutBeforeAnythingIsWritten() {
        Map<String, String> before = GitCli.refs(remote.gitDir());

        Run r = run(Map.of(
                "repository",
                "charts",
                "line",
                "2.1",
                "checkChart",
                "sd-core",
                "checkDockerfiles",
                List.of("Dockerfile")));

        assertThat(r.state()).isEqualTo(RunState.FAILED);
        assertThat(r.reason())
                .contains("sd-core/values.yaml:3 image = 'omecproject/smf:master'")
                .contains("tag 'master' is a moving target");
        assertThat(r.steps()).extracting(StepRecord::name).startsWith("branch:fetch", "release-checks");
        assertThat(GitCli.refs(remote.gitDir())).isEqualTo(before);
    }

    @Test
    void passingChecksLetTheCutGoOn() {
        Run r = run(Map.of("repository", "charts", "line", "2.1", "checkDockerfiles", List.of("Dockerfile")));

        assertThat(r.state()).as(r.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.step("release-checks").orElseThrow().summary()).contains("passed: 1 Dockerfile(s)");
        assertThat(GitCli.refs(remote.gitDir())).containsKey("refs/heads/aether-2.1");
    }
}
