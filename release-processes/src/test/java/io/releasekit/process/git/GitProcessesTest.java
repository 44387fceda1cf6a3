package io.releasekit.process.git;

import static io.releasekit.git.testkit.GitCli.revParse;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.run.Dependency;
import io.releasekit.core.run.Preflight;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestStepContext;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git run kinds, step by step, on a clone of a repository served over HTTP. */
class GitProcessesTest {

    static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    static Path serverDir;

    static GitHttpServer server;

    @TempDir
    Path tmp;

    RepoFixture remote;
    Path work;
    SourceRepositories repositories;
    ServiceGuards guards;
    String release;
    String fix;

    @BeforeAll
    static void startServer() throws Exception {
        server = GitHttpServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void setUp() {
        String name = "charts-" + COUNTER.incrementAndGet() + ".git";
        remote = server.createRepository(name);
        remote.commit("main", "start", "VERSION", "2.0.0\n", "chart.yaml", "image: 2.0.0\n");
        release = remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        remote.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        fix = remote.commit("main", "Fix chart", "chart.yaml", "image: 2.0.1\n");
        remote.branch("stable", release);
        remote.branch("development", release);
        work = tmp.resolve("work");
        var settings = GitRepositorySettings.builder("charts", work)
                .remote("origin", server.url(name))
                .identity(RepoFixture.RELEASER)
                .build();
        guards = ServiceGuards.withDefaults();
        repositories = SourceRepositories.of(Map.of("charts", JGitSourceRepository.cloneOrOpen(settings)), guards);
    }

    @AfterEach
    void tearDown() {
        repositories.close();
        guards.close();
        remote.close();
    }

    @Test
    void listsTheFiveKinds() {
        assertThat(GitProcesses.all(repositories))
                .extracting(ProcessDefinition::kind)
                .containsExactly(
                        "git.tag", "git.lazy-branch", "git.cherry-pick", "git.move-branch", "git.sync-branches");
    }

    @Test
    void lazyBranchPlansInADryRunThenCreatesAndPushesThenSkips() {
        var process = new LazyBranchProcess(repositories);
        RunParameters p = process.parameters()
                .validate(Map.of("repository", "charts", "branch", "aether-2.1", "version", "2.1.0"));
        List<Step> steps = process.steps(p);
        assertThat(steps).extracting(Step::name).containsExactly("fetch", "create-lazy-branch", "push-branch");
        assertThat(steps.get(2).services()).containsExactly(ServiceNeed.strict("git:origin"));
        assertThat(steps.get(2).services().get(0).dependency()).isEqualTo(Dependency.STRICT);
        Map<String, String> remoteRefs = GitCli.refs(remote.dir());

        Run dry = run(steps, p, true);

        assertThat(dry.plans()).anyMatch(s -> s.contains("create branch aether-2.1 at " + release));
        assertThat(dry.plans()).anyMatch(s -> s.contains("push refs/heads/aether-2.1 to origin at " + release));
        assertThat(GitCli.refs(remote.dir())).isEqualTo(remoteRefs);
        assertThat(GitCli.run(work, "rev-parse", "--verify", "refs/heads/aether-2.1")
                        .exitCode())
                .isNotZero();

        Run real = run(steps, p, false);

        assertThat(real.outcomes().get(1)).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(real.outcomes().get(2)).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(revParse(remote.dir(), "refs/heads/aether-2.1")).isEqualTo(release);

        Run again = run(process.steps(p), p, false);

        assertThat(again.outcomes().get(1)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(again.outcomes().get(2)).isInstanceOf(StepOutcome.Skipped.class);
    }

    @Test
    void cherryPickPicksBumpsPushesAndIsIdempotent() {
        remote.branch("aether-2.1", release);
        var process = new CherryPickProcess(repositories);
        RunParameters p = process.parameters()
                .validate(Map.of(
                        "repository", "charts", "branch", "aether-2.1", "commits", List.of(fix), "bumpPatch", true));

        Run real = run(process.steps(p), p, false);

        String head = real.outputs().get("head");
        assertThat(real.outputs()).containsEntry("version", "2.1.1");
        assertThat(revParse(remote.dir(), "refs/heads/aether-2.1")).isEqualTo(head);
        assertThat(show(remote.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.1");
        assertThat(show(remote.dir(), "aether-2.1", "chart.yaml")).isEqualTo("image: 2.0.1");

        Run again = run(process.steps(p), p, false);

        assertThat(again.outcomes().get(1)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(again.outcomes().get(2)).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(revParse(remote.dir(), "refs/heads/aether-2.1")).isEqualTo(head);
    }

    @Test
    void moveBranchRefusesADivergedBranchUnlessForcedWithApproval() {
        String hotfix = remote.commit("stable", "hotfix on stable", "hot.txt", "h\n");
        var process = new MoveBranchProcess(repositories);
        RunParameters plain =
                process.parameters().validate(Map.of("repository", "charts", "branch", "stable", "to", "main"));
        RunParameters forced = process.parameters()
                .validate(Map.of("repository", "charts", "branch", "stable", "to", "main", "force", true));
        assertThat(process.approvalPolicy(plain).needsApproval()).isFalse();
        assertThat(process.approvalPolicy(forced).needsApproval()).isTrue();

        assertThatThrownBy(() -> run(process.steps(plain), plain, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("not a fast-forward");
        assertThat(revParse(remote.dir(), "refs/heads/stable")).isEqualTo(hotfix);

        Run run = run(process.steps(forced), forced, false);

        assertThat(run.outputs()).containsEntry("old", hotfix).containsEntry("how", "forced");
        assertThat(revParse(remote.dir(), "refs/heads/stable")).isEqualTo(fix);
    }

    @Test
    void syncBranchesFailsOnAConflictNamingTheFiles() {
        remote.commit("development", "conflicting edit", "chart.yaml", "image: dev\n");
        remote.branch("security/hotfix", release);
        var process = new SyncBranchesProcess(repositories);
        RunParameters p = process.parameters()
                .validate(Map.of(
                        "repository", "charts",
                        "source", "main",
                        "targets", List.of("security/hotfix", "development")));

        assertThatThrownBy(() -> run(process.steps(p), p, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("development conflicts in [chart.yaml]")
                .hasMessageContaining("security/hotfix fast-forwarded");
    }

    @Test
    void aConflictingTargetNeverHidesTheOthersTheSyncedOnesArePushedAndTheRunFailsNamingIt() {
        String devHead = remote.commit("development", "conflicting edit", "chart.yaml", "image: dev\n");
        remote.branch("security/hotfix", release);
        var process = new SyncBranchesProcess(repositories);
        try (RunEngine engine =
                RunEngine.builder().guards(guards).define(process).build()) {
            io.releasekit.core.run.Run run = engine.awaitEnd(
                    engine.start(RunRequest.of(
                                    SyncBranchesProcess.KIND,
                                    Map.of(
                                            "repository", "charts",
                                            "source", "main",
                                            "targets", List.of("development", "security/hotfix")),
                                    "alice"))
                            .id(),
                    Duration.ofSeconds(60));

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(run.reason())
                    .contains("development conflicts in [chart.yaml]")
                    .contains("security/hotfix fast-forwarded to " + fix.substring(0, 12))
                    .contains("pushed");
            assertThat(run.step("sync").orElseThrow().summary())
                    .startsWith("synced: security/hotfix fast-forwarded to " + fix.substring(0, 12))
                    .endsWith("; not synced: development conflicts in [chart.yaml]");
            assertThat(run.step("push-branches").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
            assertThat(run.step("check-conflicts").orElseThrow().state()).isEqualTo(StepState.FAILED);
        }
        // the server, read with the git CLI: hotfix synced and pushed, development untouched
        assertThat(revParse(remote.dir(), "refs/heads/security/hotfix")).isEqualTo(fix);
        assertThat(revParse(remote.dir(), "refs/heads/development")).isEqualTo(devHead);
    }

    @Test
    void tagPlansCreatesPushesAndSkipsTheSecondTime() {
        var process = new TagProcess(repositories);
        RunParameters p = process.parameters()
                .validate(Map.of("repository", "charts", "tag", "v2.2.0", "target", "main", "message", "Weekly"));

        Run dry = run(process.steps(p), p, true);
        assertThat(dry.plans()).anyMatch(s -> s.startsWith("create tag v2.2.0 at " + fix));
        assertThat(GitCli.run(remote.dir(), "rev-parse", "--verify", "refs/tags/v2.2.0")
                        .exitCode())
                .isNotZero();

        run(process.steps(p), p, false);
        assertThat(revParse(remote.dir(), "v2.2.0^{commit}")).isEqualTo(fix);

        Run again = run(process.steps(p), p, false);
        assertThat(again.outcomes().subList(2, 4)).allMatch(StepOutcome.Skipped.class::isInstance);
    }

    @Test
    void aRepeatedTagStepTagsTheCommitItFirstResolvedAfterTheBranchMovedAndAFreshRunConflicts() {
        var process = new TagProcess(repositories);
        RunParameters p =
                process.parameters().validate(Map.of("repository", "charts", "tag", "v2.2.0", "target", "main"));
        List<Step> steps = process.steps(p);
        assertThat(steps).extracting(Step::name).containsExactly("fetch", "resolve-target", "create-tag", "push-tag");

        // the first run: fetch and resolve, create-tag and push-tag (its result lost, as in a crash)
        Run first = run(steps, p, false);
        assertThat(first.outputs()).containsEntry(TagProcess.TARGET_COMMIT, fix);
        assertThat(revParse(remote.dir(), "v2.2.0^{commit}")).isEqualTo(fix);

        // main moves on the server, and the working clone sees it
        String moved = remote.commit("main", "After the tag", "chart.yaml", "image: 2.0.2\n");
        run(steps.subList(0, 1), p, false);

        // the resumed run repeats create-tag and push-tag with the outputs its earlier steps recorded
        Run resumed = runFrom(steps.subList(2, 4), p, first.outputs());
        assertThat(resumed.outcomes()).allMatch(StepOutcome.Skipped.class::isInstance);
        assertThat(revParse(remote.dir(), "v2.2.0^{commit}")).isEqualTo(fix);
        assertThat(revParse(remote.dir(), "refs/heads/main")).isEqualTo(moved);

        // a fresh run resolves main anew: the tag is elsewhere, and is never moved
        assertThatThrownBy(() -> run(process.steps(p), p, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("v2.2.0")
                .hasMessageContaining("a tag is never moved");
        assertThat(revParse(remote.dir(), "v2.2.0^{commit}")).isEqualTo(fix);
    }

    @Test
    void refusesBadParametersBeforeAnyStepRuns() {
        var tag = new TagProcess(repositories);
        var lazy = new LazyBranchProcess(repositories);

        assertThatThrownBy(
                        () -> tag.steps(RunParameters.of(Map.of("repository", "nope", "tag", "v1", "target", "main"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("repository 'nope' is not configured");
        assertThatThrownBy(() ->
                        tag.steps(RunParameters.of(Map.of("repository", "charts", "tag", "a..b", "target", "main"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                        () -> tag.steps(RunParameters.of(Map.of("repository", "charts", "tag", "v1", "target", "-x"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() ->
                        lazy.steps(RunParameters.of(Map.of("repository", "charts", "branch", "b", "version", "2.1"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void preflightIsNoGoWhenTheRemoteIsDown() {
        var process = new MoveBranchProcess(repositories);
        RunParameters p =
                process.parameters().validate(Map.of("repository", "charts", "branch", "stable", "to", "main"));
        guards.forceOpen("git:origin");

        PreflightResult result = Preflight.check(process.steps(p), guards);

        assertThat(result.verdict()).isEqualTo(PreflightResult.Verdict.NO_GO);
        assertThat(result.strictServicesDown()).containsExactly("git:origin");
    }

    @Test
    void withoutPushThereAreNoRemoteSteps() {
        var process = new MoveBranchProcess(repositories);
        RunParameters p = process.parameters()
                .validate(Map.of("repository", "charts", "branch", "stable", "to", "main", "push", false));

        assertThat(process.steps(p)).extracting(Step::name).containsExactly("move-branch");
    }

    /** Runs steps in order like a runner would, feeding each step the outputs of the earlier ones. */
    Run run(List<Step> steps, RunParameters p, boolean dryRun) {
        return run(steps, p, dryRun, Map.of());
    }

    /** Runs steps of a real run as a resumed run does: with the outputs its earlier steps recorded. */
    Run runFrom(List<Step> steps, RunParameters p, Map<String, String> recorded) {
        return run(steps, p, false, recorded);
    }

    Run run(List<Step> steps, RunParameters p, boolean dryRun, Map<String, String> recorded) {
        Map<String, String> outputs = new LinkedHashMap<>(recorded);
        List<String> plans = new ArrayList<>();
        List<StepOutcome> outcomes = new ArrayList<>();
        for (Step step : steps) {
            TestStepContext ctx =
                    new TestStepContext(p, dryRun, guards).forStep(step.name()).withOutputs(outputs);
            try {
                StepOutcome outcome = step.execute(ctx);
                outcomes.add(outcome);
                outputs.putAll(outcome.outputs());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            plans.addAll(ctx.plans());
        }
        return new Run(outcomes, outputs, plans);
    }

    record Run(List<StepOutcome> outcomes, Map<String, String> outputs, List<String> plans) {}
}
