package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.revParse;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LazyBranchTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        if (repo != null) {
            repo.close();
        }
        fixture.close();
    }

    @Test
    void createsTheBranchAtTheCommitThatSetTheVersion() {
        fixture.commit("main", "start", "VERSION", "2.0.0\n", "a.txt", "a");
        fixture.commit("main", "work", "a.txt", "b");
        String set = fixture.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        fixture.commit("main", "more work", "a.txt", "c");
        fixture.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        fixture.checkout("main");
        repo = fixture.open();

        BranchOutcome outcome =
                repo.lazyBranch("aether-2.1").forVersion("2.1.0").from("main").call();

        assertThat(outcome).isEqualTo(new BranchOutcome.Created(BranchName.of("aether-2.1"), CommitId.of(set)));
        assertThat(revParse(fixture.dir(), "refs/heads/aether-2.1")).isEqualTo(set);
        assertThat(show(fixture.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.0");
        assertThat(show(fixture.dir(), "aether-2.1~1", "VERSION")).isEqualTo("2.0.0");
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void picksTheOldestCommitWhenTheVersionWasSetTwice() {
        fixture.commit("main", "start", "VERSION", "1.0.0\n");
        String first = fixture.commit("main", "set 1.1.0", "VERSION", "1.1.0\n");
        fixture.commit("main", "oops", "VERSION", "1.0.0\n");
        fixture.commit("main", "set 1.1.0 again", "VERSION", "1.1.0\n");
        repo = fixture.open();

        VersionCommit found = repo.findVersionCommit("1.1.0").from("main").call();

        assertThat(found.commit()).isEqualTo(CommitId.of(first));
        assertThat(found.commitsExamined()).isEqualTo(4);
    }

    @Test
    void findsTheRootCommitWhenItSetTheVersion() {
        String root = fixture.commit("main", "root", "VERSION", "0.1.0");
        fixture.commit("main", "work", "a.txt", "x");
        repo = fixture.open();

        assertThat(repo.findVersionCommit("0.1.0").from("main").call().commit()).isEqualTo(CommitId.of(root));
    }

    @Test
    void followsEverySideOfAMerge() {
        // main: 1.0.0 -> side branch sets 1.1.0-rc.1 then 1.1.0, merged; main sets 1.1.0 independently later
        String base = fixture.commit("main", "start", "VERSION", "1.0.0\n");
        fixture.branch("side", base);
        fixture.commit("side", "rc", "VERSION", "1.1.0-rc.1\n");
        String onSide = fixture.commit("side", "release on side", "VERSION", "1.1.0\n");
        fixture.commit("main", "main work", "a.txt", "a");
        String merge = fixture.merge("main", "side", "merge side", "VERSION", "1.1.0\n");
        repo = fixture.open();

        VersionCommit found = repo.findVersionCommit("1.1.0").from("main").call();

        assertThat(found.commit()).isEqualTo(CommitId.of(onSide));
        assertThat(isAncestor(fixture.dir(), onSide, merge)).isTrue();
    }

    @Test
    void findsAVersionSetOnlyOnAMergedSideBranch() {
        // The merge takes main's VERSION, so `git log -- VERSION` simplifies the side branch away; releasekit
        // still examines it, since its commits are reachable and one of them set the version.
        String base = fixture.commit("main", "start", "VERSION", "1.0.0\n");
        fixture.branch("experiment", base);
        String onSide = fixture.commit("experiment", "try 1.1.0", "VERSION", "1.1.0\n");
        fixture.commit("experiment", "back to 1.0.0", "VERSION", "1.0.0\n");
        fixture.commit("main", "main work", "a.txt", "a");
        fixture.merge("main", "experiment", "merge experiment");
        repo = fixture.open();

        assertThat(GitCli.git(fixture.dir(), "log", "--format=%H", "main", "--", "VERSION"))
                .isEqualTo(base);
        assertThat(repo.findVersionCommit("1.1.0").from("main").call().commit()).isEqualTo(CommitId.of(onSide));
    }

    @Test
    void findsAVersionFileInASubdirectory() {
        fixture.commit("main", "start", "charts/aether/VERSION", "2.0.0\n", "README", "r");
        String set = fixture.commit("main", "charts 2.1.0", "charts/aether/VERSION", "2.1.0\n");
        fixture.commit("main", "docs", "README", "s");
        repo = fixture.open();

        VersionCommit found = repo.findVersionCommit("2.1.0")
                .from("main")
                .versionFile("charts/aether/VERSION")
                .call();

        assertThat(found.commit()).isEqualTo(CommitId.of(set));
        assertThat(found.path()).isEqualTo("charts/aether/VERSION");
    }

    @Test
    void usesTheConfiguredVersionFile() {
        fixture.commit("main", "start", "release/VERSION.txt", "3.0.0\n");
        String set = fixture.commit("main", "bump", "release/VERSION.txt", "3.1.0\n");
        repo = JGitSourceRepository.open(
                fixture.settings("charts").versionFile("release/VERSION.txt").build());

        BranchOutcome outcome =
                repo.lazyBranch("r-3.1").forVersion("3.1.0").from("main").call();

        assertThat(outcome.commit()).isEqualTo(CommitId.of(set));
    }

    @Test
    void namesTheVersionWhenNoCommitSetIt() {
        fixture.commit("main", "start", "VERSION", "2.0.0\n");
        repo = fixture.open();
        Map<String, String> before = fixture.refs();

        assertThatThrownBy(() -> repo.lazyBranch("aether-2.1")
                        .forVersion("2.1.0")
                        .from("main")
                        .call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("sets VERSION to 2.1.0")
                .hasMessageContaining("from 'main'");
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void saysSoWhenTheVersionFileIsMissing() {
        fixture.commit("main", "start", "README", "no version here");
        repo = fixture.open();

        assertThatThrownBy(() -> repo.lazyBranch("aether-2.1")
                        .forVersion("2.1.0")
                        .from("main")
                        .call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'VERSION' does not exist at 'main'");
    }

    @Test
    void answersAlreadyExistsWhenTheBranchContainsTheVersionCommit() {
        fixture.commit("main", "start", "VERSION", "2.0.0\n");
        String set = fixture.commit("main", "2.1.0", "VERSION", "2.1.0\n");
        fixture.branch("aether-2.1", set);
        String fix = fixture.commit("aether-2.1", "fix", "a.txt", "fixed");
        repo = fixture.open();

        BranchOutcome outcome =
                repo.lazyBranch("aether-2.1").forVersion("2.1.0").from("main").call();

        assertThat(outcome).isEqualTo(new BranchOutcome.AlreadyExists(BranchName.of("aether-2.1"), CommitId.of(fix)));
    }

    @Test
    void refusesWhenTheBranchExistsWithoutTheVersionCommit() {
        String start = fixture.commit("main", "start", "VERSION", "2.0.0\n");
        fixture.commit("main", "2.1.0", "VERSION", "2.1.0\n");
        fixture.branch("aether-2.1", start);
        repo = fixture.open();

        assertThatThrownBy(() -> repo.lazyBranch("aether-2.1")
                        .forVersion("2.1.0")
                        .from("main")
                        .call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("does not contain");
    }

    @Test
    void dryRunNamesTheCommitAndCreatesNothing() {
        fixture.commit("main", "start", "VERSION", "2.0.0\n");
        String set = fixture.commit("main", "2.1.0", "VERSION", "2.1.0\n");
        repo = fixture.open();
        Map<String, String> before = fixture.refs();

        BranchOutcome outcome = repo.lazyBranch("aether-2.1")
                .forVersion("2.1.0")
                .from("main")
                .dryRun(true)
                .call();

        assertThat(outcome).isEqualTo(new BranchOutcome.Created(BranchName.of("aether-2.1"), CommitId.of(set)));
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void refusesAnInvalidVersionBeforeAnythingRuns() {
        fixture.commit("main", "start", "VERSION", "2.0.0\n");
        repo = fixture.open();

        assertThatThrownBy(() -> repo.lazyBranch("aether-2.1").forVersion("2.1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'2.1' is not a Semantic Versioning 2.0.0 version");
        assertThatThrownBy(() -> repo.lazyBranch("aether-2.1").call())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("version (forVersion) is required");
    }
}
