package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.catFile;
import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.version.SemVer;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003's release-branch fixes: pick from main onto aether-2.1, optionally bumping the patch version. */
class CherryPickTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String release;
    String fix;
    String otherFix;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        fixture.commit("main", "start", "VERSION", "2.0.0\n", "app.txt", "line 1\nline 2\nline 3\n", "lib.txt", "x\n");
        release = fixture.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        fixture.branch("aether-2.1", release);
        fixture.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        fix = fixture.commit("main", "Fix line 2\n\nLonger explanation.", "app.txt", "line 1\nline 2 fixed\nline 3\n");
        otherFix = fixture.commit("main", "Fix lib", "lib.txt", "y\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void picksAFixOntoTheReleaseBranchAndRecordsItsSource() {
        PickOutcome outcome = repo.cherryPick("aether-2.1").commit(fix).call();

        PickOutcome.Picked picked = (PickOutcome.Picked) outcome;
        String head = fixture.head("aether-2.1");
        assertThat(picked.oldHead()).isEqualTo(CommitId.of(release));
        assertThat(picked.newHead()).isEqualTo(CommitId.of(head));
        assertThat(picked.picked()).containsExactly(new PickOutcome.PickedCommit(CommitId.of(fix), CommitId.of(head)));
        assertThat(picked.versionBump()).isEmpty();
        assertThat(show(fixture.dir(), "aether-2.1", "app.txt")).isEqualTo("line 1\nline 2 fixed\nline 3");
        assertThat(show(fixture.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.0");
        String commit = catFile(fixture.dir(), head);
        assertThat(commit)
                .contains("parent " + release)
                .contains("author Dev Eloper <dev@example.com>")
                .contains("committer Release Bot <release-bot@example.com>")
                .contains("Fix line 2\n\nLonger explanation.\n\n(cherry picked from commit " + fix + ")");
        assertThat(fixture.head("main")).isEqualTo(otherFix);
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void bumpsThePatchVersionInTheLastPickedCommitItself() {
        PickOutcome.Picked picked = (PickOutcome.Picked) repo.cherryPick("aether-2.1")
                .commits(List.of(fix, otherFix))
                .bumpPatch(true)
                .call();

        assertThat(picked.picked()).hasSize(2);
        assertThat(picked.versionBump()).hasValueSatisfying(change -> {
            assertThat(change.from()).isEqualTo(SemVer.parse("2.1.0"));
            assertThat(change.to()).isEqualTo(SemVer.parse("2.1.1"));
        });
        String head = fixture.head("aether-2.1");
        assertThat(picked.picked().get(1).result()).isEqualTo(CommitId.of(head));
        assertThat(picked.newHead()).isEqualTo(CommitId.of(head));
        assertThat(show(fixture.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.1");
        assertThat(git(fixture.dir(), "log", "--format=%s", "aether-2.1", "-3"))
                .isEqualTo("Fix lib\nFix line 2\nRelease 2.1.0");
        // the last pick carries the fix and the version: its own author, releasekit as committer, the bump noted
        assertThat(catFile(fixture.dir(), head))
                .contains("parent " + picked.picked().get(0).result().value())
                .contains("committer Release Bot <release-bot@example.com>")
                .endsWith("Fix lib\n\nSet VERSION to 2.1.1 (patch release).\n(cherry picked from commit " + otherFix
                        + ")");
        assertThat(git(fixture.dir(), "show", "--stat", "--format=", head))
                .contains("VERSION")
                .contains("lib.txt")
                .contains("2 files changed");
        assertThat(git(fixture.dir(), "show", "--stat", "--format=", head + "~1"))
                .contains("app.txt")
                .contains("1 file changed");
        assertThat(Files.exists(fixture.dir().resolve(".git/CHERRY_PICK_HEAD"))).isFalse();

        // a rerun recognises the pick that carries the bump
        assertThat(repo.cherryPick("aether-2.1")
                        .commits(List.of(fix, otherFix))
                        .bumpPatch(true)
                        .call())
                .isInstanceOf(PickOutcome.AlreadyApplied.class);
        assertThat(fixture.head("aether-2.1")).isEqualTo(head);
    }

    @Test
    void bumpsInACommitOfItsOwnOnlyWhenAskedTo() {
        PickOutcome.Picked picked = (PickOutcome.Picked) repo.cherryPick("aether-2.1")
                .commits(List.of(fix, otherFix))
                .bumpPatch(true)
                .separateBumpCommit(true)
                .call();

        assertThat(picked.versionBump().orElseThrow().to()).isEqualTo(SemVer.parse("2.1.1"));
        assertThat(show(fixture.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.1");
        assertThat(git(fixture.dir(), "log", "--format=%s", "aether-2.1", "-4"))
                .isEqualTo("Set VERSION to 2.1.1\nFix lib\nFix line 2\nRelease 2.1.0");
        assertThat(picked.picked().get(1).result().value()).isEqualTo(git(fixture.dir(), "rev-parse", "aether-2.1~1"));
        assertThat(git(fixture.dir(), "show", "--stat", "--format=", "aether-2.1"))
                .contains("VERSION")
                .contains("1 file changed");
        assertThat(repo.cherryPick("aether-2.1")
                        .commit(otherFix)
                        .bumpPatch(true)
                        .call())
                .isInstanceOf(PickOutcome.AlreadyApplied.class);
    }

    @Test
    void aLastCommitAlreadyOnTheBranchLeavesTheBumpToTheLastOneActuallyPicked() {
        repo.cherryPick("aether-2.1").commit(otherFix).call();

        PickOutcome.Picked picked = (PickOutcome.Picked) repo.cherryPick("aether-2.1")
                .commits(List.of(fix, otherFix))
                .bumpPatch(true)
                .call();

        assertThat(picked.picked()).extracting(p -> p.source().value()).containsExactly(fix);
        assertThat(picked.alreadyApplied()).containsExactly(CommitId.of(otherFix));
        assertThat(git(fixture.dir(), "show", "--stat", "--format=%s", "aether-2.1"))
                .startsWith("Fix line 2")
                .contains("VERSION")
                .contains("app.txt");
    }

    @Test
    void bumpingAPatchDevVersionReleasesIt() {
        fixture.commit("aether-2.1", "back to dev", "VERSION", "2.1.1-dev\n");

        PickOutcome.Picked picked = (PickOutcome.Picked)
                repo.cherryPick("aether-2.1").commit(fix).bumpPatch(true).call();

        assertThat(picked.versionBump().orElseThrow().to()).isEqualTo(SemVer.parse("2.1.1"));
    }

    @Test
    void aConflictIsAResultAndLeavesBranchIndexAndWorkingTreeExactlyAsBefore() throws IOException {
        // the release branch, checked out, changed the same line differently
        fixture.commit("aether-2.1", "hotfix on branch", "app.txt", "line 1\nline 2 patched\nline 3\n");
        fixture.checkout("aether-2.1");
        Map<String, String> refs = fixture.refs();
        Set<String> objects = GitCli.objectFiles(fixture.gitDir());
        byte[] index = Files.readAllBytes(fixture.gitDir().resolve("index"));
        String worktree = Files.readString(fixture.dir().resolve("app.txt"));

        PickOutcome outcome =
                repo.cherryPick("aether-2.1").commits(List.of(otherFix, fix)).call();

        assertThat(outcome).isInstanceOfSatisfying(PickOutcome.Conflicted.class, c -> {
            assertThat(c.commit()).isEqualTo(CommitId.of(fix));
            assertThat(c.files()).containsExactly("app.txt");
            assertThat(c.head()).isEqualTo(CommitId.of(refs.get("refs/heads/aether-2.1")));
        });
        assertThat(fixture.refs()).isEqualTo(refs);
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objects);
        assertThat(Files.readAllBytes(fixture.gitDir().resolve("index"))).isEqualTo(index);
        assertThat(Files.readString(fixture.dir().resolve("app.txt"))).isEqualTo(worktree);
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void picksOntoTheCheckedOutBranchAndUpdatesItsWorkingTree() throws IOException {
        fixture.checkout("aether-2.1");

        repo.cherryPick("aether-2.1").commit(fix).bumpPatch(true).call();

        assertThat(Files.readString(fixture.dir().resolve("app.txt"))).isEqualTo("line 1\nline 2 fixed\nline 3\n");
        assertThat(Files.readString(fixture.dir().resolve("VERSION"))).isEqualTo("2.1.1\n");
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void answersAlreadyAppliedWhenPickedBefore() {
        repo.cherryPick("aether-2.1").commit(fix).call();
        Map<String, String> refs = fixture.refs();

        PickOutcome again =
                repo.cherryPick("aether-2.1").commit(fix).bumpPatch(true).call();

        assertThat(again).isInstanceOf(PickOutcome.AlreadyApplied.class);
        assertThat(fixture.refs()).isEqualTo(refs);
    }

    @Test
    void answersAlreadyAppliedForAnAncestorOrAChangeAlreadyMadeByHand() {
        fixture.commit("aether-2.1", "same fix, typed again", "app.txt", "line 1\nline 2 fixed\nline 3\n");
        String start = fixture.head("aether-2.1");

        PickOutcome outcome =
                repo.cherryPick("aether-2.1").commits(List.of(release, fix)).call();

        assertThat(outcome)
                .isEqualTo(new PickOutcome.AlreadyApplied(
                        io.releasekit.core.scm.BranchName.of("aether-2.1"),
                        CommitId.of(start),
                        List.of(CommitId.of(release), CommitId.of(fix))));
    }

    @Test
    void dryRunComputesTheResultAndWritesNothing() {
        Map<String, String> refs = fixture.refs();
        Set<String> objects = GitCli.objectFiles(fixture.gitDir());

        PickOutcome.Picked picked = (PickOutcome.Picked) repo.cherryPick("aether-2.1")
                .commit(fix)
                .bumpPatch(true)
                .dryRun(true)
                .call();

        assertThat(picked.versionBump().orElseThrow().to()).isEqualTo(SemVer.parse("2.1.1"));
        assertThat(GitCli.run(fixture.dir(), "cat-file", "-e", picked.newHead().value())
                        .exitCode())
                .isNotZero();
        assertThat(fixture.refs()).isEqualTo(refs);
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objects);
    }

    @Test
    void refusesAMergeCommit() {
        String merge = fixture.merge("main", "aether-2.1", "merge", "x.txt", "x");

        assertThatThrownBy(() -> repo.cherryPick("aether-2.1").commit(merge).call())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has 2 parents");
    }

    @Test
    void namesAMissingVersionFileBeforePickingAnything() {
        fixture.commit("aether-2.1", "drop VERSION", "VERSION", null);
        Map<String, String> refs = fixture.refs();

        assertThatThrownBy(() -> repo.cherryPick("aether-2.1")
                        .commit(fix)
                        .bumpPatch(true)
                        .call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("version file 'VERSION' does not exist on branch 'aether-2.1'");
        assertThat(fixture.refs()).isEqualTo(refs);
    }

    @Test
    void refusesAnUnknownBranchOrCommit() {
        assertThatThrownBy(() -> repo.cherryPick("aether-9.9").commit(fix).call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("branch 'aether-9.9' does not exist");
        assertThatThrownBy(() ->
                        repo.cherryPick("aether-2.1").commit("0".repeat(40)).call())
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repo.cherryPick("aether-2.1").commit("main~1"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.cherryPick("aether-2.1").call())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no commit to cherry-pick");
    }
}
