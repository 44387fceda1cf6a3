package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.revParse;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import io.releasekit.core.scm.TagOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.VersionPolicy;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git parts of seeds 002, 003 and 004, end to end through the library against a git server. */
class SeedProcessesTest {

    @TempDir
    static Path serverDir;

    static GitHttpServer server;

    @TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();

    @BeforeAll
    static void startServer() throws Exception {
        server = GitHttpServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    SourceRepository cloneOf(String name) {
        var settings = GitRepositorySettings.builder(name, tmp.resolve(name))
                .remote("origin", server.url(name))
                .identity(RepoFixture.RELEASER)
                .build();
        return guards.call("git:origin", () -> JGitSourceRepository.cloneOrOpen(settings));
    }

    @Test
    void seed003AetherLazyBranchAndPatchRelease() {
        // a component repository: 2.1.0 was released from master, which then moved on to 2.2.0-dev
        try (RepoFixture origin = server.createRepository("component")) {
            origin.commit("main", "Initial", "VERSION", "2.0.0-dev\n", "main.go", "v1\n");
            String released = origin.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
            VersionPolicy policy = VersionPolicy.components();
            String next = policy.afterBranchCut(SemVer.parse("2.1.0")).to().toString();
            origin.commit("main", "Start " + next, "VERSION", next + "\n");
            String fix = origin.commit("main", "Fix crash on empty input", "main.go", "v1 fixed\n");

            try (SourceRepository repo = cloneOf("component")) {
                // If it doesn't exist, create aether-2.1 at the commit where VERSION became 2.1.0 ("lazy branching")
                String branch = policy.releaseBranch("aether-", SemVer.parse("2.1.0"));
                BranchOutcome created =
                        repo.lazyBranch(branch).forVersion("2.1.0").from("main").call();
                assertThat(created.commit().value()).isEqualTo(released);

                // Manually cherry-pick to aether-2.1, incrementing the patch version
                PickOutcome.Picked picked = (PickOutcome.Picked)
                        repo.cherryPick(branch).commit(fix).bumpPatch(true).call();
                assertThat(picked.versionBump().orElseThrow().to()).isEqualTo(SemVer.parse("2.1.1"));

                // Tag the point release, then return the branch to the next -dev version at once
                repo.tag("v2.1.1")
                        .annotated("Aether component 2.1.1")
                        .at(branch)
                        .call();
                String dev = policy.afterRelease(SemVer.parse("2.1.1")).to().toString();
                repo.setVersion(branch, dev).call();
                guards.call(
                        "git:origin",
                        () -> repo.push("origin").refs(branch, "v2.1.1").call().requireAccepted());

                // a retry of the whole procedure changes nothing
                assertThat(repo.lazyBranch(branch)
                                .forVersion("2.1.0")
                                .from("main")
                                .call())
                        .isInstanceOf(BranchOutcome.AlreadyExists.class);
                assertThat(repo.cherryPick(branch).commit(fix).bumpPatch(true).call())
                        .isInstanceOf(PickOutcome.AlreadyApplied.class);
            }
            assertThat(show(origin.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.2-dev");
            assertThat(show(origin.dir(), "v2.1.1", "VERSION")).isEqualTo("2.1.1");
            assertThat(show(origin.dir(), "v2.1.1", "main.go")).isEqualTo("v1 fixed");
            assertThat(show(origin.dir(), "main", "VERSION")).isEqualTo("2.2.0-dev");
            assertThat(isAncestor(origin.dir(), released, "aether-2.1")).isTrue();
            // the tag names one commit holding the fix and VERSION 2.1.1
            assertThat(git(origin.dir(), "log", "--format=%s", "aether-2.1", "-3"))
                    .isEqualTo("Set VERSION to 2.1.2-dev\nFix crash on empty input\nRelease 2.1.0");
            assertThat(git(origin.dir(), "rev-parse", "v2.1.1^{}~1")).isEqualTo(released);
        }
    }

    @Test
    void seed004MoveStableToMainAndForceWhenDiverged() {
        try (RepoFixture api = server.createRepository("packit-service");
                RepoFixture worker = server.createRepository("packit-worker")) {
            String apiStable = api.commit("main", "last week", "a.py", "1\n");
            api.branch("stable", apiStable);
            String apiMain = api.commit("main", "this week", "a.py", "2\n");
            String workerStable = worker.commit("main", "last week", "w.py", "1\n");
            worker.branch("stable", workerStable);
            String workerMain = worker.commit("main", "this week", "w.py", "2\n");
            worker.commit("stable", "cherry-picked into production", "hot.py", "h\n");

            for (String name : List.of("packit-service", "packit-worker")) {
                try (SourceRepository repo = cloneOf(name)) {
                    MoveOutcome moved = repo.moveBranch("stable").to("main").call();
                    if (moved instanceof MoveOutcome.Rejected) {
                        // "If pushing the stable branch fails ... force-push the current state of main as stable"
                        moved = repo.moveBranch("stable").to("main").force(true).call();
                        assertThat(moved).isInstanceOf(MoveOutcome.Forced.class);
                    }
                    boolean force = moved instanceof MoveOutcome.Forced;
                    guards.call("git:origin", () -> repo.push("origin")
                            .refs("stable")
                            .force(force)
                            .call()
                            .requireAccepted());
                }
            }
            assertThat(revParse(api.dir(), "refs/heads/stable")).isEqualTo(apiMain);
            assertThat(revParse(worker.dir(), "refs/heads/stable")).isEqualTo(workerMain);
        }
    }

    @Test
    void seed002TagTheReleaseAndSyncDevelopmentAndHotfix() {
        try (RepoFixture origin = server.createRepository("operators")) {
            String base = origin.commit("main", "base", "op.py", "1\n", "requirements.txt", "a==1\n");
            origin.branch("development", base);
            origin.branch("security/hotfix", base);
            origin.commit("development", "weekly features", "feature.py", "f\n");
            String merged = origin.merge("main", "development", "Merge development into main", "feature.py", "f\n");
            origin.commit("security/hotfix", "bump vulnerable dependency", "requirements.txt", "a==1.0.1\n");

            try (SourceRepository repo = cloneOf("operators")) {
                // ON merge to main: create a versioned release/tag with the latest PR commit
                TagOutcome tag = repo.tag("release-0.1.2")
                        .annotated("Weekly release")
                        .at("main")
                        .call();
                assertThat(tag.commit().value()).isEqualTo(merged);
                // ... then sync development and security/hotfix with main
                SyncResult sync =
                        repo.sync("main").into("development", "security/hotfix").call();
                assertThat(sync.outcomes().get(0)).isInstanceOf(SyncOutcome.FastForwarded.class);
                assertThat(sync.outcomes().get(1)).isInstanceOf(SyncOutcome.Merged.class);
                guards.call("git:origin", () -> repo.push("origin")
                        .refs("release-0.1.2", "development", "security/hotfix")
                        .call()
                        .requireAccepted());
            }
            assertThat(revParse(origin.dir(), "release-0.1.2^{commit}")).isEqualTo(merged);
            assertThat(isAncestor(origin.dir(), merged, "development")).isTrue();
            assertThat(isAncestor(origin.dir(), merged, "security/hotfix")).isTrue();
            assertThat(show(origin.dir(), "security/hotfix", "requirements.txt"))
                    .isEqualTo("a==1.0.1");
        }
    }
}
