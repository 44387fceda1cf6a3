package io.releasekit.api.run;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seed 003 (Aether release branches) end to end over REST, against real repositories behind a real git server and
 * checked with the git CLI on the bare repositories: {@code aether.patch-release} (lazy branch at the commit that set
 * VERSION to 2.1.0, the fix picked with the patch bump, tag 2.1.1, back to 2.1.2-dev, pushed; dry run; rerun; a
 * conflicting fix failing with its files and the branch untouched) and {@code aether.cut-branch} (aether-2.1 at the
 * release commit, main to 2.2.0-dev; dry run; rerun; a line never released).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AetherPatchReleaseApiE2ETest implements TestPropertyProvider {

    static final Duration WAIT = Duration.ofSeconds(30);

    final Path root;
    final GitHttpServer gitServer;
    final RepoFixture component;
    final RepoFixture cut;
    final RepoFixture racing;
    final String racingFix;
    final String release210;
    final String fix;
    final String conflictingFix;
    final String cutRelease;

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    AetherPatchReleaseApiE2ETest() throws Exception {
        root = Files.createTempDirectory("releasekit-aether-e2e");
        gitServer = GitHttpServer.start(Files.createDirectories(root.resolve("server")));
        // a component: main went 2.0.0 -> 2.1.0 -> 2.2.0-dev, then fixes landed on main
        component = gitServer.createRepository("component.git");
        component.commit("main", "Start 2.1.0-dev", "VERSION", "2.1.0-dev\n", "app.txt", "one\n", "lib.txt", "a\n");
        release210 = component.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        component.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        component.commit("main", "Rewrite the library for 2.2", "lib.txt", "b\n");
        fix = component.commit("main", "Fix crash on empty input", "app.txt", "one fixed\n");
        conflictingFix = component.commit("main", "Fix the rewritten library", "lib.txt", "b fixed\n");
        // a component just released as 2.1.0 on main: its branch is cut now
        cut = gitServer.createRepository("cut.git");
        cut.commit("main", "Start 2.1.0-dev", "VERSION", "2.1.0-dev\n", "app.txt", "one\n");
        cutRelease = cut.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        cut.commit("main", "Release notes for 2.1.0", "NOTES", "2.1.0: first of the line\n");
        // a component whose release branch someone else pushes to while the patch release runs
        racing = gitServer.createRepository("racing.git");
        racing.commit("main", "Start 2.1.0-dev", "VERSION", "2.1.0-dev\n", "app.txt", "one\n", "README", "r\n");
        racing.branch("aether-2.1", racing.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n"));
        racing.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        racingFix = racing.commit("main", "Fix crash on empty input", "app.txt", "one fixed\n");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        for (String name : List.of("component", "cut", "racing")) {
            String k = "releasekit.repositories." + name + ".";
            p.put(k + "path", root.resolve("work-" + name).toString());
            p.put(k + "remote-url", gitServer.url(name + ".git"));
            p.put(k + "author-name", "Aether Release Bot");
            p.put(k + "author-email", "release@example.com");
        }
        p.put("releasekit.data-dir", root.resolve("data").toString());
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        gitServer.close();
        component.close();
        cut.close();
        racing.close();
    }

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void patchReleaseLazyBranchesPicksTheFixWithThePatchBumpTagsAndReturnsToDevThenRerunsAndConflicts() {
        Path bare = component.gitDir();
        Map<String, String> before = GitCli.refs(bare);
        Map<String, Object> params = Map.of("repository", "component", "line", "2.1", "commits", List.of(fix));

        // dry run: the plan, and nothing on the server
        Map<String, Object> dry = awaitEnd(startDry("aether.patch-release", params));
        assertThat(dry.get("state")).as(String.valueOf(dry)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> drySteps = RunsHttp.steps(dry);
        assertThat(planned(drySteps.get("branch:create-lazy-branch")))
                .singleElement()
                .asString()
                .contains("aether-2.1")
                .contains(release210);
        assertThat(planned(drySteps.get("pick:cherry-pick")))
                .singleElement()
                .asString()
                .contains("2.1.0 -> 2.1.1");
        assertThat(planned(drySteps.get("tag-release")))
                .singleElement()
                .asString()
                .contains("2.1.1");
        assertThat(planned(drySteps.get("bump-dev"))).singleElement().asString().contains("2.1.2-dev");
        assertThat(planned(drySteps.get("push-release")))
                .containsExactly("push refs/heads/aether-2.1 to origin", "push refs/tags/2.1.1 to origin");
        assertThat(GitCli.refs(bare)).isEqualTo(before);

        // the patch release
        Map<String, Object> done = awaitEnd(http.start(TestTokens.CI, "aether.patch-release", params));

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(RunsHttp.steps(done).keySet())
                .containsExactly(
                        "branch:fetch",
                        "branch:create-lazy-branch",
                        "branch:push-branch",
                        "pick:fetch",
                        "pick:cherry-pick",
                        "pick:push-branch",
                        "tag-release",
                        "bump-dev",
                        "push-release");
        assertThat(RunsHttp.steps(done).get("tag-release").get("outputs"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("tag", "2.1.1");
        // the branch starts at the commit that set VERSION to 2.1.0 (lazy branching), not at main
        assertThat(GitCli.isAncestor(bare, release210, "refs/heads/aether-2.1")).isTrue();
        assertThat(git(bare, "merge-base", "refs/heads/aether-2.1", "refs/heads/main"))
                .isEqualTo(release210);
        // 2.1.1: the fix picked (recorded with -x), VERSION 2.1.1, and nothing else of main
        assertThat(git(bare, "show", "2.1.1:VERSION")).isEqualTo("2.1.1");
        assertThat(git(bare, "show", "2.1.1:app.txt")).isEqualTo("one fixed");
        assertThat(git(bare, "show", "2.1.1:lib.txt")).isEqualTo("a");
        assertThat(git(bare, "log", "--format=%B", release210 + "..2.1.1"))
                .contains("Fix crash on empty input")
                .contains("cherry picked from commit " + fix);
        assertThat(git(bare, "cat-file", "-t", "2.1.1")).isEqualTo("tag");
        // one commit on top of 2.1.0 holds the fix and VERSION 2.1.1 (the bump is part of the pick)
        assertThat(git(bare, "rev-parse", "2.1.1^{}~1")).isEqualTo(release210);
        assertThat(git(bare, "show", "--stat", "--format=%s", "2.1.1^{}"))
                .startsWith("Fix crash on empty input")
                .contains("VERSION")
                .contains("app.txt")
                .contains("2 files changed");
        assertThat(git(bare, "cat-file", "-p", "2.1.1^{}"))
                .contains("Set VERSION to 2.1.1 (patch release).\n(cherry picked from commit " + fix + ")");
        // right after the release the branch goes back to development: 2.1.2-dev; main is not touched
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.2-dev");
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1~1")).isEqualTo(git(bare, "rev-parse", "2.1.1^{}"));
        assertThat(git(bare, "rev-parse", "refs/heads/main")).isEqualTo(conflictingFix);
        Map<String, String> released = GitCli.refs(bare);

        // a rerun: the fix is on the branch and released, nothing is written
        Map<String, Object> again = awaitEnd(http.start(TestTokens.CI, "aether.patch-release", params));

        assertThat(again.get("state")).as(String.valueOf(again)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> againSteps = RunsHttp.steps(again);
        for (String step :
                List.of("branch:create-lazy-branch", "pick:cherry-pick", "tag-release", "bump-dev", "push-release")) {
            assertThat(againSteps.get(step)).as(step).containsEntry("state", "SKIPPED");
        }
        assertThat(GitCli.refs(bare)).isEqualTo(released);

        // a fix that does not apply to 2.1: the run fails naming the file, the branch stays where it was
        Map<String, Object> conflicted = awaitEnd(http.start(
                TestTokens.CI,
                "aether.patch-release",
                Map.of("repository", "component", "line", "2.1", "commits", List.of(conflictingFix))));

        assertThat(conflicted.get("state")).isEqualTo("FAILED");
        assertThat((String) conflicted.get("reason")).contains("lib.txt").contains("aether-2.1");
        assertThat(RunsHttp.steps(conflicted).get("pick:cherry-pick")).containsEntry("state", "FAILED");
        assertThat(RunsHttp.steps(conflicted).get("tag-release")).containsEntry("state", "PENDING");
        assertThat(GitCli.refs(bare)).isEqualTo(released);
    }

    @Test
    void cutBranchCreatesAetherTwoOneAtTheReleaseCommitAndMovesMainToTwoTwoDevThenRerunsWithoutWrites() {
        Path bare = cut.gitDir();
        Map<String, String> before = GitCli.refs(bare);
        String mainBefore = before.get("refs/heads/main");
        Map<String, Object> params = Map.of("repository", "cut", "line", "2.1");

        Map<String, Object> dry = awaitEnd(startDry("aether.cut-branch", params));
        assertThat(dry.get("state")).as(String.valueOf(dry)).isEqualTo("SUCCEEDED");
        assertThat(planned(RunsHttp.steps(dry).get("bump-main")))
                .singleElement()
                .asString()
                .contains("2.1.0 to 2.2.0-dev");
        assertThat(planned(RunsHttp.steps(dry).get("push-main"))).isNotEmpty();
        assertThat(GitCli.refs(bare)).isEqualTo(before);

        Map<String, Object> done = awaitEnd(http.start(TestTokens.CI, "aether.cut-branch", params));

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1")).isEqualTo(cutRelease);
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.0");
        assertThat(git(bare, "show", "refs/heads/main:VERSION")).isEqualTo("2.2.0-dev");
        assertThat(git(bare, "rev-parse", "refs/heads/main~1")).isEqualTo(mainBefore);
        assertThat(git(bare, "log", "-1", "--format=%an <%ae>", "refs/heads/main"))
                .isEqualTo("Aether Release Bot <release@example.com>");
        Map<String, String> after = GitCli.refs(bare);

        Map<String, Object> again = awaitEnd(
                http.start(TestTokens.CI, "aether.cut-branch", Map.of("repository", "cut", "version", "2.1.0")));

        assertThat(again.get("state")).as(String.valueOf(again)).isEqualTo("SUCCEEDED");
        for (String step : List.of("branch:create-lazy-branch", "bump-main", "push-main")) {
            assertThat(RunsHttp.steps(again).get(step)).as(step).containsEntry("state", "SKIPPED");
        }
        assertThat(GitCli.refs(bare)).isEqualTo(after);

        // a line that was never released: no commit set VERSION to 2.3.0, nothing is written
        Map<String, Object> never =
                awaitEnd(http.start(TestTokens.CI, "aether.cut-branch", Map.of("repository", "cut", "line", "2.3")));
        assertThat(never.get("state")).isEqualTo("FAILED");
        assertThat((String) never.get("reason")).contains("2.3.0");
        assertThat(GitCli.refs(bare)).isEqualTo(after);

        // a malformed line is refused before the run starts, naming the value
        RunsHttp.Response bad = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(
                        Map.of("kind", "aether.cut-branch", "parameters", Map.of("repository", "cut", "line", "2.x"))));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.body()).contains("2.x");
    }

    @Test
    void aPushToTheReleaseBranchRacingThePatchReleaseFailsItClearlyAndARerunCompletesOnTheirCommit() {
        Path bare = racing.gitDir();
        Path clone = root.resolve("work-racing");
        String[] theirs = new String[1];
        // someone pushes to aether-2.1 after our pick, just before our push of it
        gitServer.beforePush("racing.git", () -> {
            if (!Files.isDirectory(clone)
                    || GitCli.run(clone, "rev-parse", "--verify", "-q", "refs/heads/aether-2.1")
                                    .exitCode()
                            != 0
                    || git(clone, "rev-parse", "refs/heads/aether-2.1")
                            .equals(git(bare, "rev-parse", "refs/heads/aether-2.1"))) {
                return false;
            }
            theirs[0] = racing.commit("aether-2.1", "Backport the docs", "README", "r, documented\n");
            return true;
        });
        Map<String, Object> params = Map.of("repository", "racing", "line", "2.1", "commits", List.of(racingFix));

        Map<String, Object> refused = awaitEnd(http.start(TestTokens.CI, "aether.patch-release", params));

        assertThat(refused.get("state")).as(String.valueOf(refused)).isEqualTo("FAILED");
        assertThat(RunsHttp.steps(refused).get("pick:push-branch")).containsEntry("state", "FAILED");
        assertThat((String) refused.get("reason"))
                .contains("refs/heads/aether-2.1")
                .contains("moved since it was last read");
        assertThat(theirs[0]).isNotNull();
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1")).isEqualTo(theirs[0]);
        assertThat(GitCli.run(bare, "rev-parse", "--verify", "-q", "refs/tags/2.1.1")
                        .exitCode())
                .isNotZero();
        String ourUnpushedPick = git(clone, "rev-parse", "refs/heads/aether-2.1");

        // a rerun: the fetch drops our unpushed pick (and says so), the fix is picked onto their commit
        Map<String, Object> rerun = awaitEnd(http.start(TestTokens.CI, "aether.patch-release", params));

        assertThat(rerun.get("state")).as(String.valueOf(rerun)).isEqualTo("SUCCEEDED");
        assertThat((String) RunsHttp.steps(rerun).get("branch:fetch").get("summary"))
                .contains("reset refs/heads/aether-2.1 to origin's " + theirs[0].substring(0, 12))
                .contains("dropping 1 unpushed release commit(s)")
                .contains(ourUnpushedPick.substring(0, 12));
        assertThat(RunsHttp.steps(rerun).get("pick:cherry-pick")).containsEntry("state", "SUCCEEDED");
        // nothing is lost: their commit is on the branch, 2.1.1 is one commit on top of it with the fix and VERSION
        assertThat(GitCli.isAncestor(bare, theirs[0], "refs/heads/aether-2.1")).isTrue();
        assertThat(git(bare, "rev-parse", "2.1.1^{}~1")).isEqualTo(theirs[0]);
        assertThat(git(bare, "show", "2.1.1:README")).isEqualTo("r, documented");
        assertThat(git(bare, "show", "2.1.1:app.txt")).isEqualTo("one fixed");
        assertThat(git(bare, "show", "2.1.1:VERSION")).isEqualTo("2.1.1");
        assertThat(git(bare, "show", "--stat", "--format=%s", "2.1.1^{}"))
                .startsWith("Fix crash on empty input")
                .contains("VERSION")
                .contains("app.txt")
                .contains("2 files changed");
        assertThat(git(bare, "cat-file", "-p", "2.1.1^{}"))
                .contains("committer Aether Release Bot <release@example.com>")
                .contains("Set VERSION to 2.1.1 (patch release).\n(cherry picked from commit " + racingFix + ")");
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.2-dev");
        assertThat(GitCli.run(bare, "cat-file", "-e", ourUnpushedPick).exitCode())
                .as("our first pick never reached the server")
                .isNotZero();
    }

    Map<String, Object> startDry(String kind, Map<String, Object> parameters) {
        RunsHttp.Response r = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", kind, "parameters", parameters, "dryRun", true)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    Map<String, Object> awaitEnd(Map<String, Object> run) {
        return http.awaitState((String) run.get("id"), WAIT, "SUCCEEDED", "SUCCEEDED_DEGRADED", "FAILED");
    }

    @SuppressWarnings("unchecked")
    static List<String> planned(Map<String, Object> step) {
        return (List<String>) step.get("planned");
    }
}
