package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.revParse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004: move stable to main, fast-forward only unless forced. */
class MoveBranchTest {

    static final BranchName STABLE = BranchName.of("stable");

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String deployed;
    String main;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        deployed = fixture.commit("main", "deployed last week", "app.txt", "v1\n");
        fixture.branch("stable", deployed);
        fixture.commit("main", "feature", "app.txt", "v2\n");
        main = fixture.commit("main", "another feature", "more.txt", "m\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void movesStableFastForwardOnly() {
        MoveOutcome outcome = repo.moveBranch("stable").to("main").call();

        assertThat(outcome).isEqualTo(new MoveOutcome.FastForwarded(STABLE, CommitId.of(deployed), CommitId.of(main)));
        assertThat(revParse(fixture.dir(), "stable")).isEqualTo(main);
        assertThat(isAncestor(fixture.dir(), deployed, "stable")).isTrue();
        assertThat(GitCli.git(fixture.dir(), "reflog", "-1", "--format=%gs", "refs/heads/stable"))
                .contains("releasekit: move to main (fast-forward)");
    }

    @Test
    void answersUnchangedWhenStableIsAlreadyThere() {
        repo.moveBranch("stable").to("main").call();

        assertThat(repo.moveBranch("stable").to("main").call())
                .isEqualTo(new MoveOutcome.Unchanged(STABLE, CommitId.of(main)));
    }

    @Test
    void rejectsADivergedStableUnlessForced() {
        String cherryPicked = fixture.commit("stable", "hotfix straight to production", "hot.txt", "h\n");
        Map<String, String> before = fixture.refs();

        MoveOutcome rejected = repo.moveBranch("stable").to("main").force(false).call();

        assertThat(rejected).isInstanceOfSatisfying(MoveOutcome.Rejected.class, r -> {
            assertThat(r.current()).isEqualTo(CommitId.of(cherryPicked));
            assertThat(r.target()).isEqualTo(CommitId.of(main));
            assertThat(r.reason()).contains("not a fast-forward").contains("drop 1 commit(s)");
        });
        assertThat(fixture.refs()).isEqualTo(before);

        MoveOutcome forced = repo.moveBranch("stable").to("main").force(true).call();

        assertThat(forced).isEqualTo(new MoveOutcome.Forced(STABLE, CommitId.of(cherryPicked), CommitId.of(main)));
        assertThat(revParse(fixture.dir(), "stable")).isEqualTo(main);
        assertThat(isAncestor(fixture.dir(), cherryPicked, "stable")).isFalse();
    }

    @Test
    void rejectsMovingBackwardsUnlessForced() {
        repo.moveBranch("stable").to("main").call();

        assertThat(repo.moveBranch("stable").to(deployed).call()).isInstanceOf(MoveOutcome.Rejected.class);
    }

    @Test
    void dryRunReportsTheMoveAndWritesNothing() {
        fixture.commit("stable", "diverged", "hot.txt", "h\n");
        Map<String, String> before = fixture.refs();

        MoveOutcome outcome =
                repo.moveBranch("stable").to("main").force(true).dryRun(true).call();

        assertThat(outcome).isInstanceOf(MoveOutcome.Forced.class);
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void movesTheCheckedOutBranchWithItsWorkingTree() throws IOException {
        fixture.checkout("stable");

        repo.moveBranch("stable").to("main").call();

        assertThat(Files.readString(fixture.dir().resolve("app.txt"))).isEqualTo("v2\n");
        assertThat(Files.exists(fixture.dir().resolve("more.txt"))).isTrue();
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void refusesToOverwriteLocalChangesOfTheCheckedOutBranch() throws IOException {
        fixture.checkout("stable");
        Files.writeString(fixture.dir().resolve("app.txt"), "edited by hand\n");
        Map<String, String> before = fixture.refs();

        assertThatThrownBy(() -> repo.moveBranch("stable").to("main").call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("local changes");
        assertThat(fixture.refs()).isEqualTo(before);
        assertThat(Files.readString(fixture.dir().resolve("app.txt"))).isEqualTo("edited by hand\n");
    }

    @Test
    void namesAMissingBranch() {
        assertThatThrownBy(() -> repo.moveBranch("production").to("main").call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("branch 'production' does not exist in repository 'repo'");
    }
}
