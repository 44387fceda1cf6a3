package io.releasekit.process.recipe;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
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
import io.releasekit.core.run.StepRecord;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003's branch cut as a library user runs it: {@code aether.cut-branch} against a git server, checked with git. */
class AetherCutBranchRecipeTest {

    @TempDir
    Path serverDir;

    @TempDir
    Path tmp;

    GitHttpServer server;
    RepoFixture remote;
    SourceRepositories repositories;
    RunEngine engine;
    String release;

    @BeforeEach
    void setUp() throws Exception {
        server = GitHttpServer.start(serverDir);
        remote = server.createRepository("component.git");
        remote.commit("main", "start", "VERSION", "2.1.0-dev\n", "app.txt", "one\n");
        release = remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        remote.commit("main", "Docs after the release", "README", "2.1 is out\n");
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

    Run run(Map<String, Object> params, boolean dryRun) {
        RunRequest request = RunRequest.of(AetherCutBranchProcess.KIND, params, "ci");
        return engine.awaitEnd(engine.start(request.withDryRun(dryRun)).id(), Duration.ofSeconds(60));
    }

    @Test
    void cutsAetherTwoOneAtTheReleaseCommitMovesMainToTwoTwoDevAndARerunWritesNothing() {
        Map<String, String> before = GitCli.refs(remote.gitDir());

        Run dry = run(Map.of("repository", "component", "line", "2.1"), true);
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(GitCli.refs(remote.gitDir())).isEqualTo(before);

        Run cut = run(Map.of("repository", "component", "line", "2.1"), false);
        Run again = run(Map.of("repository", "component", "version", "2.1.0"), false);

        assertThat(cut.state()).as(cut.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(cut.steps())
                .extracting(StepRecord::name)
                .containsExactly(
                        "branch:fetch", "branch:create-lazy-branch", "branch:push-branch", "bump-main", "push-main");
        Path bare = remote.gitDir();
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1")).isEqualTo(release);
        assertThat(git(bare, "show", "refs/heads/main:VERSION")).isEqualTo("2.2.0-dev");
        assertThat(git(bare, "show", "refs/heads/main:README")).isEqualTo("2.1 is out");
        assertThat(again.state()).as(again.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(again.steps())
                .filteredOn(s -> !s.name().endsWith("fetch"))
                .extracting(StepRecord::state)
                .containsOnly(StepState.SKIPPED);
    }

    @Test
    void aMainMovedOnTheServerSinceTheFetchIsNotOverwritten() {
        // someone pushes to main while the run works: between its fetch and its push
        AetherCutBranchProcess recipe = new AetherCutBranchProcess(repositories);
        String[] theirs = new String[1];
        ProcessDefinition racing = new ProcessDefinition() {
            @Override
            public String kind() {
                return "test.racing-cut";
            }

            @Override
            public String description() {
                return "aether.cut-branch with a push to main by someone else before push-main";
            }

            @Override
            public ParameterSpec parameters() {
                return recipe.parameters();
            }

            @Override
            public List<Step> steps(RunParameters p) {
                List<Step> steps = new ArrayList<>(recipe.steps(p));
                steps.add(steps.size() - 1, new Step() {
                    @Override
                    public String name() {
                        return "someone-else-pushes";
                    }

                    @Override
                    public StepOutcome execute(StepContext ctx) {
                        theirs[0] = remote.commit("main", "Hotfix on main", "app.txt", "two\n");
                        return StepOutcome.succeeded("pushed " + theirs[0]);
                    }
                });
                return steps;
            }
        };
        try (RunEngine racingEngine = RunEngine.builder()
                .guards(ServiceGuards.withDefaults())
                .define(racing)
                .build()) {
            Run run = racingEngine.awaitEnd(
                    racingEngine
                            .start(RunRequest.of(
                                    "test.racing-cut", Map.of("repository", "component", "line", "2.1"), "ci"))
                            .id(),
                    Duration.ofSeconds(60));

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(run.step("push-main").orElseThrow().state()).isEqualTo(StepState.FAILED);
            assertThat(run.reason()).contains("refs/heads/main");
            assertThat(git(remote.gitDir(), "rev-parse", "refs/heads/main")).isEqualTo(theirs[0]);
            assertThat(git(remote.gitDir(), "show", "refs/heads/main:VERSION")).isEqualTo("2.1.0");
        }

        // a dry run of the rerun says what its fetch would drop and plans the bump on the server's main; main stays
        Path work = tmp.resolve("work");
        String ourBump = git(work, "rev-parse", "refs/heads/main");
        Run dry = run(Map.of("repository", "component", "line", "2.1"), true);
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(dry.step("branch:fetch").orElseThrow().summary())
                .contains("would reset refs/heads/main to origin's " + theirs[0].substring(0, 12))
                .contains("dropping 1 unpushed release commit(s) of an earlier run [" + ourBump.substring(0, 12));
        assertThat(dry.step("bump-main").orElseThrow().summary())
                .contains("would set VERSION on main 2.1.0 -> 2.2.0-dev")
                .contains(theirs[0].substring(0, 12));
        assertThat(git(work, "rev-parse", "refs/heads/main")).isEqualTo(ourBump);

        // a new run's fetch (owning main) starts from the server's main and completes on top of their commit
        Run rerun = run(Map.of("repository", "component", "line", "2.1"), false);
        assertThat(rerun.state()).as(rerun.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(rerun.step("branch:fetch").orElseThrow().summary())
                .contains("reset refs/heads/main to origin's " + theirs[0].substring(0, 12))
                .contains("[" + ourBump.substring(0, 12));
        assertThat(git(remote.gitDir(), "rev-parse", "refs/heads/main~1")).isEqualTo(theirs[0]);
        assertThat(git(remote.gitDir(), "show", "refs/heads/main:VERSION")).isEqualTo("2.2.0-dev");
    }

    @Test
    void theChartsRepositoryMovesMainToTheNextMinorDevLikeSeed003() {
        Run cut = run(Map.of("repository", "component", "line", "2.1", "policy", "charts"), false);

        assertThat(cut.state()).as(cut.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(git(remote.gitDir(), "show", "refs/heads/main:VERSION")).isEqualTo("2.2.0-dev");
    }

    @Test
    void refusesALineThatIsNotXDotY() {
        assertThatThrownBy(() -> new AetherCutBranchProcess(repositories)
                        .steps(new AetherCutBranchProcess(repositories)
                                .parameters()
                                .validate(Map.of("repository", "component", "line", "2.1.3"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'2.1.3'");
    }
}
